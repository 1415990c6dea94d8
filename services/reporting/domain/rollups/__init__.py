"""Month rollups: each report's figures for one calendar month (UTC) of one pipeline, kept so a
whole-month period is answered from a few small documents instead of every opportunity in it.

Every report that reads rollups has a partial (its figures for one month, mergeable) and a
``report`` that merges the partials of a period into the same result the per-opportunity rules
give; unit tests check the two agree on random histories.
"""
