"""What the database means: queries, summaries and (later) the skill and pay analyses."""
