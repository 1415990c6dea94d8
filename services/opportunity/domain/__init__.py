"""Pure rules of the opportunity service: money, pipelines and stages, users, lead sources and
opportunities with their stage, probability and close-date histories. No I/O here."""
