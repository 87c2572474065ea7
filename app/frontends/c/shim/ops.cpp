// Reduction ops: MPI's predefined ops on the types MPI allows them for, user ops (MPI_Op_create),
// and how a reduction is handed to the core (reduction_for). A predefined op on a core element type
// is the core's op; on the types the core has no element type for (long double, the complex types,
// MPI_SHORT_INT, MPI_LONG_DOUBLE_INT) it is computed here. A user function is called as MPI calls
// it — (invec, inoutvec, &len, &datatype) with the program's own datatype handle — on the thread of
// whichever rank completes that step of the collective, with the op's rank bound for the call.
#include "profiling.hpp"
#include "shim.hpp"

#include <complex>

using namespace mpilab;
using namespace mpilab::cshim;

namespace {

const char* mpi_op_name(MPI_Op op) {
    static const char* names[] = {"MPI_OP_NULL", "MPI_MAX",  "MPI_MIN",  "MPI_SUM",    "MPI_PROD",
                                  "MPI_LAND",    "MPI_BAND", "MPI_LOR",  "MPI_BOR",    "MPI_LXOR",
                                  "MPI_BXOR",    "MPI_MINLOC", "MPI_MAXLOC", "MPI_REPLACE", "MPI_NO_OP"};
    const std::uint32_t i = handle_index(op);
    return i < kFirstUserOp ? names[i] : "the user op";
}

bool predefined_op(MPI_Op op) { return handle_index(op) < kFirstUserOp; }

OpKind op_kind(MPI_Op op) {
    switch (op) {
        case MPI_MAX: return OpKind::Max;
        case MPI_MIN: return OpKind::Min;
        case MPI_SUM: return OpKind::Sum;
        case MPI_PROD: return OpKind::Prod;
        case MPI_LAND: return OpKind::Land;
        case MPI_BAND: return OpKind::Band;
        case MPI_LOR: return OpKind::Lor;
        case MPI_BOR: return OpKind::Bor;
        case MPI_LXOR: return OpKind::Lxor;
        case MPI_BXOR: return OpKind::Bxor;
        case MPI_MINLOC: return OpKind::Minloc;
        case MPI_MAXLOC: return OpKind::Maxloc;
        default: return OpKind::None;
    }
}

// Which predefined ops MPI allows on a class of types.
bool allowed(OpKind op, TypeClass c) {
    switch (op) {
        case OpKind::Max: case OpKind::Min: return c == TypeClass::Integer || c == TypeClass::Floating;
        case OpKind::Sum: case OpKind::Prod:
            return c == TypeClass::Integer || c == TypeClass::Floating || c == TypeClass::Complex;
        case OpKind::Land: case OpKind::Lor: case OpKind::Lxor: return c == TypeClass::Integer || c == TypeClass::Bool;
        case OpKind::Band: case OpKind::Bor: case OpKind::Bxor: return c == TypeClass::Integer || c == TypeClass::Byte;
        case OpKind::Minloc: case OpKind::Maxloc: return c == TypeClass::Pair;
        default: return false;
    }
}

const char* what_it_takes(OpKind op) {
    switch (op) {
        case OpKind::Max: case OpKind::Min: return "integer and floating-point types";
        case OpKind::Sum: case OpKind::Prod: return "integer, floating-point and complex types";
        case OpKind::Land: case OpKind::Lor: case OpKind::Lxor: return "integer types and MPI_C_BOOL";
        case OpKind::Band: case OpKind::Bor: case OpKind::Bxor: return "integer types and MPI_BYTE";
        default: return "the value-and-index pair types (MPI_2INT, MPI_DOUBLE_INT, MPI_FLOAT_INT, MPI_LONG_INT, "
                        "MPI_SHORT_INT, MPI_LONG_DOUBLE_INT)";
    }
}

// ---- predefined ops on the types the core has no element type for --------------------------------

template <class T>
void arithmetic(OpKind op, const T* in, T* inout, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        switch (op) {
            case OpKind::Sum: inout[i] = in[i] + inout[i]; break;
            case OpKind::Prod: inout[i] = in[i] * inout[i]; break;
            default: break;
        }
        if constexpr (!std::is_same_v<T, std::complex<float>> && !std::is_same_v<T, std::complex<double>> &&
                      !std::is_same_v<T, std::complex<long double>>) {
            if (op == OpKind::Max && in[i] > inout[i]) inout[i] = in[i];
            if (op == OpKind::Min && in[i] < inout[i]) inout[i] = in[i];
        }
    }
}

template <class V>
void location(OpKind op, const void* in, void* inout, std::int64_t n) {
    struct Pair { V value; int index; };
    const auto* a = static_cast<const Pair*>(in);
    auto* b = static_cast<Pair*>(inout);
    for (std::int64_t i = 0; i < n; ++i) {
        const bool better = op == OpKind::Minloc ? a[i].value < b[i].value : a[i].value > b[i].value;
        if (better || (a[i].value == b[i].value && a[i].index < b[i].index)) b[i] = a[i];
    }
}

Op emulated(OpKind op, std::uint32_t basic, const char* name) {
    auto fn = [op, basic](const void* in, void* inout, std::int64_t count, Datatype) {
        switch (basic) {
            case 16: return arithmetic(op, static_cast<const long double*>(in), static_cast<long double*>(inout), count);
            case 29: case 40:
                return arithmetic(op, static_cast<const std::complex<float>*>(in),
                                  static_cast<std::complex<float>*>(inout), count);
            case 30: case 41:
                return arithmetic(op, static_cast<const std::complex<double>*>(in),
                                  static_cast<std::complex<double>*>(inout), count);
            case 31: case 42:
                return arithmetic(op, static_cast<const std::complex<long double>*>(in),
                                  static_cast<std::complex<long double>*>(inout), count);
            case 37: return location<short>(op, in, inout, count);
            case 38: return location<long double>(op, in, inout, count);
            default: return;
        }
    };
    return Op::user_typed(fn, /*commutative=*/true, name);
}

thread_local int user_op_depth = 0;

}  // namespace

namespace mpilab::cshim {

bool inside_user_op() { return user_op_depth > 0; }

Reduction reduction_for(Call& call, MPI_Op op, MPI_Datatype datatype) {
    call.check_op(op);
    Reduction r;
    r.layout = call.data_type(datatype);
    const Layout& l = *r.layout;
    if (op == MPI_REPLACE || op == MPI_NO_OP)
        raise(MPI_ERR_OP, std::string(mpi_op_name(op)) + " is only for one-sided accumulate operations, which mpilab does "
                                                     "not simulate; a reduction needs MPI_SUM, MPI_MAX, ... or an "
                                                     "MPI_Op_create op");
    const std::uint32_t slot = handle_index(datatype);
    const bool predefined_type = slot < kPredefinedTypes;
    if (!predefined_op(op)) {
        const OpObject& user = *call.rank.ops.find(op);
        if (predefined_type) {
            r.element = basic_type(slot).core;
        } else {
            // The function sees elements laid out as the program's datatype: hand the core whole
            // elements of `extent` bytes, which works while the data lies within the extent.
            if (l.size > 0 && (l.true_lb < l.lb || l.true_ub > l.ub || l.extent() <= 0 || l.extent() > (1 << 30)))
                raise(MPI_ERR_TYPE, call.type_name(datatype) +
                                        " reaches outside its extent (MPI_Type_create_resized?), so a user op cannot "
                                        "be applied to an array of it here; reduce a datatype whose data lies within "
                                        "its extent");
            r.element = Datatype{TypeKind::Byte, static_cast<std::uint32_t>(std::max<std::int64_t>(l.extent(), 1))};
            r.offset = l.lb;
        }
        const std::int64_t shift = r.offset;
        MpiRank* owner = &call.rank;
        MPI_User_function* function = user.function;
        r.op = Op::user_typed(
            [owner, function, datatype, shift](const void* in, void* inout, std::int64_t count, Datatype) {
                BorrowRank borrow(owner);   // the function may ask about its datatype (MPI_Type_size, ...)
                struct Depth {
                    Depth() { ++user_op_depth; }
                    ~Depth() { --user_op_depth; }
                } depth;
                int len = static_cast<int>(count);
                MPI_Datatype type = datatype;
                function(const_cast<std::byte*>(static_cast<const std::byte*>(in)) - shift,
                         static_cast<std::byte*>(inout) - shift, &len, &type);
            },
            user.commutative, "user op");
        return r;
    }
    const OpKind kind = op_kind(op);
    if (l.size > 0 && !l.uniform)
        raise(MPI_ERR_OP, std::string(mpi_op_name(op)) + " cannot combine " + call.type_name(datatype) +
                              ": it mixes several element types, and the predefined ops combine elements of one "
                              "type. Use a datatype of one type, or an op of your own (MPI_Op_create)");
    const std::uint32_t basic = l.segments.empty() ? slot : l.segments[0].basic;
    const BasicType& b = basic_type(basic);
    if (l.size > 0 && !allowed(kind, b.type_class))
        raise(MPI_ERR_OP, std::string(mpi_op_name(op)) + " does not apply to " + b.name + " elements: MPI allows it on " +
                              what_it_takes(kind));
    r.op = b.opaque ? emulated(kind, basic, mpi_op_name(op)) : Op(kind);
    r.element = l.base;
    r.per_element = l.base_count();
    r.packed = !l.contiguous;
    r.offset = l.segments.empty() ? 0 : l.segments[0].offset;
    return r;
}

}  // namespace mpilab::cshim

int MPI_Op_create(MPI_User_function* user_fn, int commute, MPI_Op* op) {
    return run_call("MPI_Op_create", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(op, "op");
        if (!user_fn) raise(MPI_ERR_ARG, "the user function is NULL: pass the function that combines two vectors");
        auto o = std::make_unique<OpObject>();
        o->function = user_fn;
        o->commutative = commute != 0;
        *op = call.rank.ops.add(std::move(o));
    });
}

int MPI_Op_free(MPI_Op* op) {
    return run_call("MPI_Op_free", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(op, "op");
        call.check_op(*op);
        if (predefined_op(*op)) raise(MPI_ERR_OP, std::string(mpi_op_name(*op)) + " is predefined and cannot be freed");
        call.rank.ops.free(*op, call.loc);
        *op = MPI_OP_NULL;
    });
}

int MPI_Op_commutative(MPI_Op op, int* commute) {
    return run_call("MPI_Op_commutative", MPI_COMM_WORLD, [&](Call& call) {
        call.check_out(commute, "commute");
        call.check_op(op);
        *commute = predefined_op(op) ? 1 : call.rank.ops.find(op)->commutative;
    });
}

MPILAB_PROFILING(MPI_Op_create)
MPILAB_PROFILING(MPI_Op_free)
MPILAB_PROFILING(MPI_Op_commutative)
