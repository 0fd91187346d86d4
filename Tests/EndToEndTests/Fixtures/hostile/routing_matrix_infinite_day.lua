-- issue 12: SIGILL.
routing_matrix{on = 1e309}
