from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

data_obj = rank
gathered_objs = comm.gather(data_obj, root=0)
if rank == 0:
    assert type(gathered_objs) is list
    assert sum(gathered_objs) == sum(range(size))

objs_to_scatter = None
if rank == 0:
    objs_to_scatter = [val ** 2 for val in gathered_objs]
new_data_obj = comm.scatter(objs_to_scatter, root=0)
assert new_data_obj == rank ** 2
