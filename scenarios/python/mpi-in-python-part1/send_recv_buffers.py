import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

assert size == 2 # only designed for two processes

ground_truth = np.arange(5, dtype='i')
if rank == 0:
    send_arr = ground_truth
    comm.Send(send_arr, dest=1, tag=0)
else:
    recv_arr = np.empty(5, dtype='i')
    comm.Recv(recv_arr, source=0, tag=0)
    assert np.all(recv_arr == ground_truth)
