"""Skills: the versioned taxonomy, the extractor that finds its skills in postings, and the occupation classifier."""
