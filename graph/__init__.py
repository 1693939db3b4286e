"""hubspoke."""
