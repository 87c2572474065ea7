# mpiexec -n 2 python challenge1.py

from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

def alltoall(comm, values):
    rank = comm.Get_rank()
    size = comm.Get_size()

    # Part 1: every rank first sends its block to every other rank, then receives theirs. Each Send
    # of 10000 int64 (80,000 bytes) is too big to be sent eagerly, so it waits for its receive, and
    # no rank ever gets to its receives: a deadlock for sufficiently large messages.
    new_values = [None] * size
    new_values[rank] = values[rank]
    for i in range(size):
        if i != rank:
            comm.Send(values[i], dest=i)
    for i in range(size):
        if i != rank:
            new_values[i] = np.empty(len(values[i]), dtype='l')
            comm.Recv(new_values[i], source=i)
    return new_values

scaling_factor = 10000
values = [np.array([rank * 10 + i] * scaling_factor, dtype='l') for i in range(size)]
new_values = alltoall(comm, values)
ground_truth = [[rank + i * 10] * scaling_factor for i in range(size)]
assert np.all([np.all(v1 == v2) for v1,v2 in zip(new_values, ground_truth)])
