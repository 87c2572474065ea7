from mpi4py import MPI
comm = MPI.COMM_WORLD  # fixed: missing in the tutorial

size = comm.Get_size()
worker = comm.Get_rank()

if worker == 0:
    data = [{"data for "+str(i): i} for i in range(0, size)]
else:  # fixed: missing in the tutorial
    data = None
data = comm.scatter(data, root=0)
print(worker, data)
