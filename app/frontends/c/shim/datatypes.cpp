// Derived datatypes: the constructors a course teaches (contiguous, vector, hvector, indexed,
// hindexed, indexed_block, struct, subarray, resized, dup), commit and free, the size and extent
// queries, addresses, and MPI_Pack / MPI_Unpack. A datatype is a Layout (datatype_layout.hpp);
// building one never communicates.
#include "profiling.hpp"
#include "shim.hpp"

#include <cstring>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

int add_type(Call& call, LayoutPtr layout) {
    auto t = std::make_unique<TypeObject>();
    t->layout = std::move(layout);
    t->created = call.loc;
    return call.rank.types.add(std::move(t));
}

bool predefined_type(MPI_Datatype type) {
    return handle_kind_bits(type) == static_cast<std::uint32_t>(HandleKind::Datatype) &&
           handle_index(type) < kPredefinedTypes;
}

void check_blocks(Call& call, int count, const int* blocklengths) {
    call.check_count(count);
    if (count > 0 && !blocklengths) raise(MPI_ERR_ARG, "the array of block lengths is NULL");
    for (int i = 0; i < count; ++i)
        if (blocklengths[i] < 0)
            raise(MPI_ERR_ARG, "block length " + std::to_string(i) + " is " + std::to_string(blocklengths[i]) +
                                   "; block lengths must be 0 or more");
}

// The constructors' common end: builds, registers, and hands the handle back.
template <class Build>
int construct(const char* name, MPI_Datatype* newtype, Build&& build, bool pad = false) {
    return run_call(name, MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(newtype, "newtype");
        LayoutBuilder builder;
        build(call, builder);
        *newtype = add_type(call, builder.finish(pad));
    });
}

}  // namespace

int MPI_Type_contiguous(int count, MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_contiguous", newtype, [&](Call& call, LayoutBuilder& b) {
        call.check_count(count);
        b.add(*call.type(oldtype, "old datatype").layout, 0, count);
    });
}

int MPI_Type_create_hvector(int count, int blocklength, MPI_Aint stride, MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_create_hvector", newtype, [&](Call& call, LayoutBuilder& b) {
        call.check_count(count);
        call.check_count(blocklength, "block length");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (std::int64_t i = 0; i < count; ++i) b.add(old, i * stride, blocklength);
    });
}

int MPI_Type_hvector(int count, int blocklength, MPI_Aint stride, MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return MPI_Type_create_hvector(count, blocklength, stride, oldtype, newtype);
}

int MPI_Type_vector(int count, int blocklength, int stride, MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_vector", newtype, [&](Call& call, LayoutBuilder& b) {
        call.check_count(count);
        call.check_count(blocklength, "block length");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (std::int64_t i = 0; i < count; ++i) b.add(old, i * stride * old.extent(), blocklength);
    });
}

int MPI_Type_indexed(int count, const int array_of_blocklengths[], const int array_of_displacements[],
                     MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_indexed", newtype, [&](Call& call, LayoutBuilder& b) {
        check_blocks(call, count, array_of_blocklengths);
        if (count > 0 && !array_of_displacements) raise(MPI_ERR_ARG, "the array of displacements is NULL");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (int i = 0; i < count; ++i) b.add(old, std::int64_t{array_of_displacements[i]} * old.extent(), array_of_blocklengths[i]);
    });
}

int MPI_Type_create_hindexed(int count, const int array_of_blocklengths[], const MPI_Aint array_of_displacements[],
                             MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_create_hindexed", newtype, [&](Call& call, LayoutBuilder& b) {
        check_blocks(call, count, array_of_blocklengths);
        if (count > 0 && !array_of_displacements) raise(MPI_ERR_ARG, "the array of displacements is NULL");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (int i = 0; i < count; ++i) b.add(old, array_of_displacements[i], array_of_blocklengths[i]);
    });
}

int MPI_Type_hindexed(int count, int array_of_blocklengths[], MPI_Aint array_of_displacements[], MPI_Datatype oldtype,
                      MPI_Datatype* newtype) {
    return MPI_Type_create_hindexed(count, array_of_blocklengths, array_of_displacements, oldtype, newtype);
}

int MPI_Type_create_indexed_block(int count, int blocklength, const int array_of_displacements[], MPI_Datatype oldtype,
                                  MPI_Datatype* newtype) {
    return construct("MPI_Type_create_indexed_block", newtype, [&](Call& call, LayoutBuilder& b) {
        call.check_count(count);
        call.check_count(blocklength, "block length");
        if (count > 0 && !array_of_displacements) raise(MPI_ERR_ARG, "the array of displacements is NULL");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (int i = 0; i < count; ++i) b.add(old, std::int64_t{array_of_displacements[i]} * old.extent(), blocklength);
    });
}

int MPI_Type_create_hindexed_block(int count, int blocklength, const MPI_Aint array_of_displacements[],
                                   MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return construct("MPI_Type_create_hindexed_block", newtype, [&](Call& call, LayoutBuilder& b) {
        call.check_count(count);
        call.check_count(blocklength, "block length");
        if (count > 0 && !array_of_displacements) raise(MPI_ERR_ARG, "the array of displacements is NULL");
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        for (int i = 0; i < count; ++i) b.add(old, array_of_displacements[i], blocklength);
    });
}

// A struct type's extent is padded to its strictest member's alignment, as the C compiler pads the
// struct it describes: an array of them then lines up with an array of the C struct.
int MPI_Type_create_struct(int count, const int array_of_blocklengths[], const MPI_Aint array_of_displacements[],
                           const MPI_Datatype array_of_types[], MPI_Datatype* newtype) {
    return construct(
        "MPI_Type_create_struct", newtype,
        [&](Call& call, LayoutBuilder& b) {
            check_blocks(call, count, array_of_blocklengths);
            if (count > 0 && (!array_of_displacements || !array_of_types))
                raise(MPI_ERR_ARG, "the array of displacements or of types is NULL");
            for (int i = 0; i < count; ++i) {
                const std::string what = "datatype of member " + std::to_string(i);
                b.add(*call.type(array_of_types[i], what.c_str()).layout, array_of_displacements[i],
                      array_of_blocklengths[i]);
            }
        },
        /*pad=*/true);
}

int MPI_Type_struct(int count, int array_of_blocklengths[], MPI_Aint array_of_displacements[],
                    MPI_Datatype array_of_types[], MPI_Datatype* newtype) {
    return MPI_Type_create_struct(count, array_of_blocklengths, array_of_displacements, array_of_types, newtype);
}

int MPI_Type_create_subarray(int ndims, const int array_of_sizes[], const int array_of_subsizes[],
                             const int array_of_starts[], int order, MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return run_call("MPI_Type_create_subarray", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(newtype, "newtype");
        if (ndims <= 0) raise(MPI_ERR_DIMS, "the number of dimensions is " + std::to_string(ndims) + "; it must be at least 1");
        if (!array_of_sizes || !array_of_subsizes || !array_of_starts) raise(MPI_ERR_ARG, "an array argument is NULL");
        if (order != MPI_ORDER_C && order != MPI_ORDER_FORTRAN)
            raise(MPI_ERR_ARG, "the order must be MPI_ORDER_C or MPI_ORDER_FORTRAN");
        // In C order the last dimension varies fastest; Fortran order is C order reversed.
        std::vector<int> sizes(array_of_sizes, array_of_sizes + ndims), subsizes(array_of_subsizes, array_of_subsizes + ndims),
            starts(array_of_starts, array_of_starts + ndims);
        if (order == MPI_ORDER_FORTRAN) {
            std::reverse(sizes.begin(), sizes.end());
            std::reverse(subsizes.begin(), subsizes.end());
            std::reverse(starts.begin(), starts.end());
        }
        for (int d = 0; d < ndims; ++d) {
            if (sizes[d] <= 0 || subsizes[d] <= 0 || subsizes[d] > sizes[d] || starts[d] < 0 ||
                starts[d] > sizes[d] - subsizes[d])
                raise(MPI_ERR_ARG, "dimension " + std::to_string(d) + ": the subarray (start " + std::to_string(starts[d]) +
                                       ", size " + std::to_string(subsizes[d]) + ") must lie inside the array (size " +
                                       std::to_string(sizes[d]) + ")");
        }
        const Layout& old = *call.type(oldtype, "old datatype").layout;
        std::vector<std::int64_t> stride(static_cast<std::size_t>(ndims), 1);   // in elements
        for (int d = ndims - 2; d >= 0; --d) stride[d] = stride[d + 1] * sizes[d + 1];
        LayoutBuilder b;
        std::vector<int> index(static_cast<std::size_t>(ndims), 0);   // over the subarray, last dimension as one block
        for (;;) {
            std::int64_t offset = 0;
            for (int d = 0; d < ndims; ++d) offset += (starts[d] + (d == ndims - 1 ? 0 : index[d])) * stride[d];
            b.add(old, offset * old.extent(), subsizes[ndims - 1]);
            int d = ndims - 2;
            while (d >= 0 && ++index[d] == subsizes[d]) index[d--] = 0;
            if (d < 0) break;
        }
        const LayoutPtr inside = b.finish(false);
        *newtype = add_type(call, LayoutBuilder::resized(*inside, 0, stride[0] * sizes[0] * old.extent()));
    });
}

int MPI_Type_create_resized(MPI_Datatype oldtype, MPI_Aint lb, MPI_Aint extent, MPI_Datatype* newtype) {
    return run_call("MPI_Type_create_resized", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(newtype, "newtype");
        *newtype = add_type(call, LayoutBuilder::resized(*call.type(oldtype, "old datatype").layout, lb, extent));
    });
}

int MPI_Type_dup(MPI_Datatype oldtype, MPI_Datatype* newtype) {
    return run_call("MPI_Type_dup", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(newtype, "newtype");
        const TypeObject& old = call.type(oldtype, "old datatype");
        const LayoutPtr layout = old.layout;
        const bool committed = old.committed;
        *newtype = add_type(call, layout);
        call.rank.types.find(*newtype)->committed = committed;
    });
}

int MPI_Type_commit(MPI_Datatype* datatype) {
    return run_call("MPI_Type_commit", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(datatype, "datatype");
        call.type(*datatype).committed = true;
    });
}

int MPI_Type_free(MPI_Datatype* datatype) {
    return run_call("MPI_Type_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(datatype, "datatype");
        call.type(*datatype);
        if (predefined_type(*datatype))
            raise(MPI_ERR_TYPE, call.type_name(*datatype) + " is predefined and cannot be freed");
        // Operations still in flight keep the layout they use (it is shared), as MPI requires.
        call.rank.types.free(*datatype, call.loc);
        *datatype = MPI_DATATYPE_NULL;
    });
}

// ---- queries ------------------------------------------------------------------------------------

namespace {

// The queries never reach the core: a reduction function may use them (see inside_user_op).
template <class T, class Get>
int query(const char* name, MPI_Datatype datatype, T* out, Get&& get) {
    return run_call(name, MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(out, "result");
        *out = static_cast<T>(get(*call.type(datatype).layout));
    }, /*anytime=*/true);
}

template <class T>
int bounds(const char* name, MPI_Datatype datatype, T* lb, T* extent, bool true_bounds) {
    return run_call(name, MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(lb, "lb");
        call.check_out(extent, "extent");
        const Layout& l = *call.type(datatype).layout;
        *lb = static_cast<T>(true_bounds ? l.true_lb : l.lb);
        *extent = static_cast<T>(true_bounds ? l.true_ub - l.true_lb : l.extent());
    }, /*anytime=*/true);
}

}  // namespace

int MPI_Type_size(MPI_Datatype datatype, int* size) {
    return query("MPI_Type_size", datatype, size, [](const Layout& l) { return l.size; });
}
int MPI_Type_size_x(MPI_Datatype datatype, MPI_Count* size) {
    return query("MPI_Type_size_x", datatype, size, [](const Layout& l) { return l.size; });
}
int MPI_Type_get_extent(MPI_Datatype datatype, MPI_Aint* lb, MPI_Aint* extent) {
    return bounds("MPI_Type_get_extent", datatype, lb, extent, false);
}
int MPI_Type_get_extent_x(MPI_Datatype datatype, MPI_Count* lb, MPI_Count* extent) {
    return bounds("MPI_Type_get_extent_x", datatype, lb, extent, false);
}
int MPI_Type_get_true_extent(MPI_Datatype datatype, MPI_Aint* true_lb, MPI_Aint* true_extent) {
    return bounds("MPI_Type_get_true_extent", datatype, true_lb, true_extent, true);
}
int MPI_Type_get_true_extent_x(MPI_Datatype datatype, MPI_Count* true_lb, MPI_Count* true_extent) {
    return bounds("MPI_Type_get_true_extent_x", datatype, true_lb, true_extent, true);
}
int MPI_Type_extent(MPI_Datatype datatype, MPI_Aint* extent) {
    return query("MPI_Type_extent", datatype, extent, [](const Layout& l) { return l.extent(); });
}
int MPI_Type_lb(MPI_Datatype datatype, MPI_Aint* displacement) {
    return query("MPI_Type_lb", datatype, displacement, [](const Layout& l) { return l.lb; });
}
int MPI_Type_ub(MPI_Datatype datatype, MPI_Aint* displacement) {
    return query("MPI_Type_ub", datatype, displacement, [](const Layout& l) { return l.ub; });
}

int MPI_Type_set_name(MPI_Datatype datatype, const char* type_name) {
    return run_call("MPI_Type_set_name", MPI_COMM_WORLD, [&](Call& call) {
        TypeObject& t = call.type(datatype);
        if (!type_name) raise(MPI_ERR_ARG, "the name is NULL");
        if (predefined_type(datatype)) raise(MPI_ERR_TYPE, "a predefined datatype keeps its own name");
        t.name.assign(type_name, std::min<std::size_t>(std::strlen(type_name), MPI_MAX_OBJECT_NAME - 1));
    });
}

int MPI_Type_get_name(MPI_Datatype datatype, char* type_name, int* resultlen) {
    return run_call("MPI_Type_get_name", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(type_name, "type_name");
        copy_out(call.type(datatype).name, type_name, MPI_MAX_OBJECT_NAME, resultlen);
    });
}

int MPI_Type_match_size(int typeclass, int size, MPI_Datatype* datatype) {
    return run_call("MPI_Type_match_size", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(datatype, "datatype");
        MPI_Datatype found = MPI_DATATYPE_NULL;
        if (typeclass == MPI_TYPECLASS_INTEGER) {
            found = size == 1 ? MPI_SIGNED_CHAR : size == 2 ? MPI_SHORT : size == 4 ? MPI_INT : size == 8 ? MPI_LONG
                                                                                                          : found;
        } else if (typeclass == MPI_TYPECLASS_REAL) {
            found = size == 4 ? MPI_FLOAT : size == 8 ? MPI_DOUBLE : size == 16 ? MPI_LONG_DOUBLE : found;
        } else if (typeclass == MPI_TYPECLASS_COMPLEX) {
            found = size == 8    ? MPI_C_FLOAT_COMPLEX
                    : size == 16 ? MPI_C_DOUBLE_COMPLEX
                    : size == 32 ? MPI_C_LONG_DOUBLE_COMPLEX
                                 : found;
        } else {
            raise(MPI_ERR_ARG, "the type class must be MPI_TYPECLASS_INTEGER, _REAL or _COMPLEX");
        }
        if (found == MPI_DATATYPE_NULL)
            raise(MPI_ERR_ARG, "no predefined type of that class has " + std::to_string(size) + " bytes");
        *datatype = found;
    });
}

int MPI_Get_address(const void* location, MPI_Aint* address) {
    return run_call("MPI_Get_address", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(address, "address");
        *address = reinterpret_cast<MPI_Aint>(location);
    }, /*anytime=*/true);
}
int MPI_Address(void* location, MPI_Aint* address) { return MPI_Get_address(location, address); }

MPI_Aint MPI_Aint_add(MPI_Aint base, MPI_Aint disp) {
    take_location();
    return base + disp;
}
MPI_Aint MPI_Aint_diff(MPI_Aint addr1, MPI_Aint addr2) {
    take_location();
    return addr1 - addr2;
}

// ---- packing: the same packed form messages travel in ----------------------------------------------

int MPI_Pack(const void* inbuf, int incount, MPI_Datatype datatype, void* outbuf, int outsize, int* position,
             MPI_Comm comm) {
    return run_call("MPI_Pack", comm, [&](Call& call) {
        call.comm(comm);
        call.check_count(incount);
        const LayoutPtr& l = call.data_type(datatype);
        call.check_buffer(inbuf, incount, datatype, "input buffer");
        call.check_out(position, "position");
        const std::int64_t bytes = std::int64_t{incount} * l->size;
        if (*position < 0 || *position + bytes > outsize)
            raise(MPI_ERR_TRUNCATE, "packing " + std::to_string(bytes) + " bytes at position " + std::to_string(*position) +
                                        " does not fit the output buffer of " + std::to_string(outsize) +
                                        " bytes: size it with MPI_Pack_size");
        pack(*l, inbuf, incount, static_cast<std::byte*>(outbuf) + *position);
        *position += static_cast<int>(bytes);
    });
}

int MPI_Unpack(const void* inbuf, int insize, int* position, void* outbuf, int outcount, MPI_Datatype datatype,
               MPI_Comm comm) {
    return run_call("MPI_Unpack", comm, [&](Call& call) {
        call.comm(comm);
        call.check_count(outcount);
        const LayoutPtr& l = call.data_type(datatype);
        call.check_buffer(outbuf, outcount, datatype, "output buffer");
        call.check_out(position, "position");
        const std::int64_t bytes = std::int64_t{outcount} * l->size;
        if (*position < 0 || *position + bytes > insize)
            raise(MPI_ERR_TRUNCATE, "unpacking " + std::to_string(bytes) + " bytes at position " +
                                        std::to_string(*position) + " reads past the end of the packed buffer (" +
                                        std::to_string(insize) + " bytes)");
        unpack(*l, static_cast<const std::byte*>(inbuf) + *position, bytes, outbuf, outcount);
        *position += static_cast<int>(bytes);
    });
}

int MPI_Pack_size(int incount, MPI_Datatype datatype, MPI_Comm comm, int* size) {
    return run_call("MPI_Pack_size", comm, [&](Call& call) {
        call.comm(comm);
        call.check_count(incount);
        call.check_out(size, "size");
        *size = static_cast<int>(std::int64_t{incount} * call.data_type(datatype)->size);
    });
}

MPILAB_PROFILING(MPI_Type_contiguous)
MPILAB_PROFILING(MPI_Type_vector)
MPILAB_PROFILING(MPI_Type_create_hvector)
MPILAB_PROFILING(MPI_Type_hvector)
MPILAB_PROFILING(MPI_Type_indexed)
MPILAB_PROFILING(MPI_Type_create_hindexed)
MPILAB_PROFILING(MPI_Type_hindexed)
MPILAB_PROFILING(MPI_Type_create_indexed_block)
MPILAB_PROFILING(MPI_Type_create_hindexed_block)
MPILAB_PROFILING(MPI_Type_create_struct)
MPILAB_PROFILING(MPI_Type_struct)
MPILAB_PROFILING(MPI_Type_create_subarray)
MPILAB_PROFILING(MPI_Type_create_resized)
MPILAB_PROFILING(MPI_Type_dup)
MPILAB_PROFILING(MPI_Type_commit)
MPILAB_PROFILING(MPI_Type_free)
MPILAB_PROFILING(MPI_Type_size)
MPILAB_PROFILING(MPI_Type_size_x)
MPILAB_PROFILING(MPI_Type_get_extent)
MPILAB_PROFILING(MPI_Type_get_extent_x)
MPILAB_PROFILING(MPI_Type_get_true_extent)
MPILAB_PROFILING(MPI_Type_get_true_extent_x)
MPILAB_PROFILING(MPI_Type_extent)
MPILAB_PROFILING(MPI_Type_lb)
MPILAB_PROFILING(MPI_Type_ub)
MPILAB_PROFILING(MPI_Type_set_name)
MPILAB_PROFILING(MPI_Type_get_name)
MPILAB_PROFILING(MPI_Type_match_size)
MPILAB_PROFILING(MPI_Get_address)
MPILAB_PROFILING(MPI_Address)
MPILAB_PROFILING(MPI_Aint_add)
MPILAB_PROFILING(MPI_Aint_diff)
MPILAB_PROFILING(MPI_Pack)
MPILAB_PROFILING(MPI_Unpack)
MPILAB_PROFILING(MPI_Pack_size)
