import time
import numpy as np
from mpi4py import MPI

comm = MPI.COMM_WORLD
size = comm.Get_size()

def test(comm, func):
    rank = comm.Get_rank()
    size = comm.Get_size()

    arr_size = 10000

    res = None
    if rank == 0:
        res = np.zeros([size,size,arr_size], dtype='f')

    start = MPI.Wtime()

    requests = []
    for i in range(size):
        if rank == i:
            time.sleep(1)
        arr = np.zeros(arr_size, dtype='f') + rank * i
        if rank == 0:
            requests.append(func(arr, res[i,:,:], root=0))
        else:
            requests.append(func(arr, None, root=0))

    if requests[0] is not None:
        MPI.Request.Waitall(requests)

    end = MPI.Wtime()

    if rank == 0:
        print(f'({func.__name__}) Total time = {end - start}')
        cumsum = np.arange(size).reshape(1,-1)
        assert np.all(res == (cumsum.T @ cumsum).reshape(size,size,1))

test(comm, comm.Igather)
test(comm, comm.Gather)
