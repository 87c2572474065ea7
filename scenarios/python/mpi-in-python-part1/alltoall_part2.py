# mpiexec -n 2 python challenge1.py

from mpi4py import MPI
import numpy as np

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

def alltoall(comm, values):
    rank = comm.Get_rank()
    size = comm.Get_size()

    # Part 2: still only Send/Recv, but every pair of ranks agrees on an order: the rank visits its
    # partners in increasing order, and in each pair the lower rank sends first while the higher one
    # receives first. Every Send then meets a posted Recv, whatever the message size.
    new_values = [None] * size
    new_values[rank] = values[rank]
    for i in range(size):
        if i == rank:
            continue
        new_values[i] = np.empty(len(values[i]), dtype='l')
        if rank < i:
            comm.Send(values[i], dest=i)
            comm.Recv(new_values[i], source=i)
        else:
            comm.Recv(new_values[i], source=i)
            comm.Send(values[i], dest=i)
    return new_values

scaling_factor = 10000
values = [np.array([rank * 10 + i] * scaling_factor, dtype='l') for i in range(size)]
new_values = alltoall(comm, values)
ground_truth = [[rank + i * 10] * scaling_factor for i in range(size)]
assert np.all([np.all(v1 == v2) for v1,v2 in zip(new_values, ground_truth)])
