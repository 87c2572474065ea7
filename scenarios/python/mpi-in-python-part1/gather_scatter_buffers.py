import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

data_arr = np.zeros(3) + rank
gathered_arrs = np.empty([size, 3])
comm.Gather(data_arr, gathered_arrs, root=0)
if rank == 0:
    assert len(gathered_arrs.shape) == 2
    assert np.all(gathered_arrs.T == np.arange(size))

scattered_objs = None
new_data_arr = np.empty(3)
if rank == 0:
    scattered_objs = gathered_arrs * np.arange(3)
comm.Scatter(scattered_objs, new_data_arr, root=0)
assert np.all(new_data_arr == data_arr * np.arange(3))
