"""GraphQL feature: an opportunity's timeline and the handover brief a successor reads first."""
