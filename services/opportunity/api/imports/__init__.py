"""GraphQL feature: importing a trade-show stack from CSV as a job with queryable progress."""
