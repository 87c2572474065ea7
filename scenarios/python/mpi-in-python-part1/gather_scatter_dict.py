from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = comm.Get_size()

data_obj = {'a' : 0, 'b' : rank}
gathered_objs = comm.gather(data_obj, root=0)
if rank == 0:
    assert type(gathered_objs) is list
    assert [d['b'] for d in gathered_objs] == list(range(size))

scattered_objs = None
if rank == 0:
    scattered_objs = gathered_objs.copy()
    for d in scattered_objs:
        d['b'] **= 2
new_data_obj = comm.scatter(scattered_objs, root=0)
assert new_data_obj['b'] == rank ** 2
