"""pasarkerja for analysts: the store's postings, skills and vacancies as pandas DataFrames, one call each.

>>> import pasarkerja
>>> jobs = pasarkerja.postings(since="30d", open_to="ID")  # this month's distinct vacancies, with skills
>>> jobs[["title", "source", "skills"]].head()

docs/python.md describes every column. The crawlers and the ``pasarkerja`` command live in crawlers/, pipelines/
and analysis/; this package only reads what they stored, and never creates or changes a database.
"""

from pasarkerja.frames import postings, skills, vacancies

__all__ = ["postings", "skills", "vacancies"]
