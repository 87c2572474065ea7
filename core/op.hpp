// Reduction operations: MPI's predefined ops and user-defined ones. A predefined op works on typed
// buffers of the element types MPI allows for it and on generic values (numbers, booleans, and for
// SUM also strings and arrays, which it concatenates). A user op is a callable; a non-commutative one
// is applied in rank order: result = x_0 op x_1 op ... op x_{n-1}.
#pragma once

#include "trace.hpp"
#include "types.hpp"

#include <functional>
#include <string>

namespace mpilab {

class Op {
public:
    using GenericFn = std::function<Value(const Value& a, const Value& b)>;
    // inout[i] = in[i] op inout[i] for i < count, as MPI_User_function with `in` the earlier rank.
    using TypedFn = std::function<void(const void* in, void* inout, std::int64_t count, Datatype type)>;

    Op() = default;
    explicit Op(OpKind kind) : kind_(kind) {}

    // A user-defined op on generic values (mpi4py: op=my_function).
    static Op user(GenericFn fn, bool commutative = true, std::string name = "user");
    // A user-defined op on typed buffers (MPI_Op_create).
    static Op user_typed(TypedFn fn, bool commutative = true, std::string name = "user");
    // This predefined op with `fn` combining generic values in its place: for a front end whose values
    // are its own objects (Python's + on unpickled objects for mpi4py's MPI.SUM). Typed buffers keep
    // the built-in kernels; the trace still names the predefined op.
    Op with_generic(GenericFn fn) const;
    bool has_generic() const { return static_cast<bool>(generic_); }

    OpKind kind() const { return kind_; }
    bool commutative() const { return commutative_; }
    const std::string& name() const;

    // Throws std::invalid_argument with a student-readable message if the op does not apply.
    Value apply(const Value& earlier, const Value& later) const;
    void apply(const void* in, void* inout, std::int64_t count, Datatype type) const;
    bool supports(Datatype type) const;

private:
    OpKind kind_ = OpKind::None;
    bool commutative_ = true;
    std::string user_name_;
    GenericFn generic_;
    TypedFn typed_;
};

// MPI.SUM, MPI.MAX, ... : write op::SUM.
namespace op {
inline const Op SUM{OpKind::Sum};
inline const Op PROD{OpKind::Prod};
inline const Op MIN{OpKind::Min};
inline const Op MAX{OpKind::Max};
inline const Op LAND{OpKind::Land};
inline const Op LOR{OpKind::Lor};
inline const Op LXOR{OpKind::Lxor};
inline const Op BAND{OpKind::Band};
inline const Op BOR{OpKind::Bor};
inline const Op BXOR{OpKind::Bxor};
inline const Op MINLOC{OpKind::Minloc};
inline const Op MAXLOC{OpKind::Maxloc};
}  // namespace op

}  // namespace mpilab
