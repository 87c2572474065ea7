# mpiexec -n 2 python challenge1.py

from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

def alltoall(comm, values):
    rank = comm.Get_rank()
    size = comm.Get_size()

    # Part 3: part 1 with each Send replaced by Isend. The sends only start, every rank goes on to its
    # receives, and each transfer completes once its receive is posted; Waitall ends the sends.
    new_values = [None] * size
    new_values[rank] = values[rank]
    requests = []
    for i in range(size):
        if i != rank:
            requests.append(comm.Isend(values[i], dest=i))
    for i in range(size):
        if i != rank:
            new_values[i] = np.empty(len(values[i]), dtype='l')
            comm.Recv(new_values[i], source=i)
    MPI.Request.Waitall(requests)
    return new_values

scaling_factor = 10000
values = [np.array([rank * 10 + i] * scaling_factor, dtype='l') for i in range(size)]
new_values = alltoall(comm, values)
ground_truth = [[rank + i * 10] * scaling_factor for i in range(size)]
assert np.all([np.all(v1 == v2) for v1,v2 in zip(new_values, ground_truth)])
