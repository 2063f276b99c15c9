// Delete the whole graph (tests and throwaway evaluation servers only). Schema is kept.
MATCH (n)
DETACH DELETE n
