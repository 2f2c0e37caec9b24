"""The catalogue of running innovations: what members of a region (and of regions that share) may find and
replicate, the lineage of replications, the public catalogue's reads, and the yearly "still running?" check."""
