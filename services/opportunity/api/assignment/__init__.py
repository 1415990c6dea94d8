"""GraphQL feature: assigning opportunities, distributing a batch, handing over a leaving rep's work."""
