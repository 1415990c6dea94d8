"""GraphQL feature: activities with revisions, attachments, and what each stage requires as evidence."""
