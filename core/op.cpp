// Reduction ops: which element types each predefined op applies to (as MPI allows them), the
// elementwise typed kernels, the generic-value rules, and user ops. Every refusal is an
// std::invalid_argument whose message names the op, the type, and what would work instead.
#include "op.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mpilab {

namespace {

const std::string& predefined_name(OpKind kind) {
    static const std::string names[] = {"NO_OP", "SUM", "PROD", "MIN", "MAX", "LAND", "LOR", "LXOR",
                                        "BAND", "BOR", "BXOR", "MINLOC", "MAXLOC", "user"};
    return names[static_cast<int>(kind)];
}

bool is_integer_kind(TypeKind k) {
    switch (k) {
    case TypeKind::Int8: case TypeKind::Int16: case TypeKind::Int32: case TypeKind::Int64:
    case TypeKind::UInt8: case TypeKind::UInt16: case TypeKind::UInt32: case TypeKind::UInt64:
        return true;
    default:
        return false;
    }
}
bool is_floating_kind(TypeKind k) { return k == TypeKind::Float || k == TypeKind::Double; }
bool is_pair_kind(TypeKind k) {
    return k == TypeKind::IntInt || k == TypeKind::FloatInt || k == TypeKind::DoubleInt || k == TypeKind::LongInt;
}

enum class Family { Arithmetic, Logical, Bitwise, Location, None };

Family family(OpKind kind) {
    switch (kind) {
    case OpKind::Sum: case OpKind::Prod: case OpKind::Min: case OpKind::Max: return Family::Arithmetic;
    case OpKind::Land: case OpKind::Lor: case OpKind::Lxor: return Family::Logical;
    case OpKind::Band: case OpKind::Bor: case OpKind::Bxor: return Family::Bitwise;
    case OpKind::Minloc: case OpKind::Maxloc: return Family::Location;
    default: return Family::None;
    }
}

// Why a predefined op does not apply to `type`, or "" if it does.
std::string refusal(OpKind kind, TypeKind type) {
    const std::string op = predefined_name(kind);
    const std::string t(type_kind_name(type));
    switch (family(kind)) {
    case Family::Arithmetic:
        if (is_integer_kind(type) || is_floating_kind(type)) return "";
        if (is_pair_kind(type)) return op + " does not apply to " + t + " pairs: use MINLOC or MAXLOC for value-and-index pairs";
        return op + " does not apply to " + t + " elements: arithmetic ops need integer or floating-point elements";
    case Family::Logical:
        if (is_integer_kind(type) || type == TypeKind::Bool) return "";
        return op + " does not apply to " + t + " elements: logical ops need integer or bool elements";
    case Family::Bitwise:
        if (is_integer_kind(type) || type == TypeKind::Byte) return "";
        return op + " does not apply to " + t + " elements: bitwise ops need integer or byte elements";
    case Family::Location:
        if (is_pair_kind(type)) return "";
        return op + " applies only to value-and-index pairs (IntInt, FloatInt, DoubleInt, LongInt), not to " + t +
               " elements";
    case Family::None:
        break;
    }
    return "no reduction op was given";
}

// Integer SUM and PROD wrap around as two's complement (computed unsigned: no undefined overflow).
template <class T>
T wrapping(OpKind kind, T a, T b) {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        using U = std::make_unsigned_t<T>;
        const auto x = static_cast<std::uint64_t>(static_cast<U>(a)), y = static_cast<std::uint64_t>(static_cast<U>(b));
        return static_cast<T>(static_cast<U>(kind == OpKind::Sum ? x + y : x * y));
    } else {
        return static_cast<T>(kind == OpKind::Sum ? a + b : a * b);
    }
}

template <class T>
void arithmetic_kernel(OpKind kind, const T* in, T* io, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        switch (kind) {
        case OpKind::Sum: case OpKind::Prod: io[i] = wrapping(kind, in[i], io[i]); break;
        case OpKind::Min: io[i] = std::min(in[i], io[i]); break;
        case OpKind::Max: io[i] = std::max(in[i], io[i]); break;
        case OpKind::Land: io[i] = static_cast<T>(in[i] && io[i]); break;
        case OpKind::Lor: io[i] = static_cast<T>(in[i] || io[i]); break;
        case OpKind::Lxor: io[i] = static_cast<T>(!in[i] != !io[i]); break;
        case OpKind::Band: if constexpr (std::is_integral_v<T>) io[i] = static_cast<T>(in[i] & io[i]); break;
        case OpKind::Bor: if constexpr (std::is_integral_v<T>) io[i] = static_cast<T>(in[i] | io[i]); break;
        case OpKind::Bxor: if constexpr (std::is_integral_v<T>) io[i] = static_cast<T>(in[i] ^ io[i]); break;
        default: break;
        }
    }
}

// MINLOC / MAXLOC: the smaller (larger) value wins; on a tie the smaller index, as MPI specifies.
template <class P>
void location_kernel(OpKind kind, const P* in, P* io, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        const bool better = kind == OpKind::Minloc ? in[i].value < io[i].value : in[i].value > io[i].value;
        if (better || (in[i].value == io[i].value && in[i].index < io[i].index)) io[i] = in[i];
    }
}

template <class T>
void typed_kernel(OpKind kind, const void* in, void* io, std::int64_t n) {
    if constexpr (std::is_same_v<T, IntInt> || std::is_same_v<T, FloatInt> || std::is_same_v<T, DoubleInt> ||
                  std::is_same_v<T, LongInt>) {
        location_kernel(kind, static_cast<const T*>(in), static_cast<T*>(io), n);
    } else {
        arithmetic_kernel(kind, static_cast<const T*>(in), static_cast<T*>(io), n);
    }
}

// Calls f.template operator()<T>() with T the C++ type of `kind`.
template <class F>
void with_type(TypeKind kind, F&& f) {
    switch (kind) {
    case TypeKind::Byte: case TypeKind::UInt8: f.template operator()<std::uint8_t>(); break;
    case TypeKind::Char: f.template operator()<char>(); break;
    case TypeKind::Bool: f.template operator()<bool>(); break;
    case TypeKind::Int8: f.template operator()<std::int8_t>(); break;
    case TypeKind::Int16: f.template operator()<std::int16_t>(); break;
    case TypeKind::Int32: f.template operator()<std::int32_t>(); break;
    case TypeKind::Int64: f.template operator()<std::int64_t>(); break;
    case TypeKind::UInt16: f.template operator()<std::uint16_t>(); break;
    case TypeKind::UInt32: f.template operator()<std::uint32_t>(); break;
    case TypeKind::UInt64: f.template operator()<std::uint64_t>(); break;
    case TypeKind::Float: f.template operator()<float>(); break;
    case TypeKind::Double: f.template operator()<double>(); break;
    case TypeKind::IntInt: f.template operator()<IntInt>(); break;
    case TypeKind::FloatInt: f.template operator()<FloatInt>(); break;
    case TypeKind::DoubleInt: f.template operator()<DoubleInt>(); break;
    case TypeKind::LongInt: f.template operator()<LongInt>(); break;
    case TypeKind::Generic: throw std::invalid_argument("a typed reduction was given generic elements");
    }
}

// ---- generic values --------------------------------------------------------------------------

std::string describe(const Value& v) { return std::string(v.type_name()); }

[[noreturn]] void refuse_values(OpKind kind, const Value& a, const Value& b, const std::string& need) {
    const std::string op = predefined_name(kind);
    throw std::invalid_argument(op + " cannot combine a " + describe(a) + " with a " + describe(b) + ": " + op +
                                " needs " + need);
}

bool truthy(OpKind kind, const Value& v, const Value& other) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v.get<double>() != 0;
    refuse_values(kind, v, other, "booleans or numbers");
}

Value arithmetic_values(OpKind kind, const Value& a, const Value& b) {
    if (!a.is_number() || !b.is_number()) {
        if (kind == OpKind::Sum && a.is_string() && b.is_string()) return a.get<std::string>() + b.get<std::string>();
        if (kind == OpKind::Sum && a.is_array() && b.is_array()) {
            Value joined = a;
            for (const auto& item : b) joined.push_back(item);
            return joined;
        }
        if ((kind == OpKind::Min || kind == OpKind::Max) && a.is_string() && b.is_string())
            return (kind == OpKind::Min ? b < a : a < b) ? b : a;
        refuse_values(kind, a, b,
                      kind == OpKind::Sum ? "two numbers, two strings or two arrays"
                      : kind == OpKind::Prod ? "two numbers"
                                             : "two numbers or two strings");
    }
    if (kind == OpKind::Min) return b < a ? b : a;
    if (kind == OpKind::Max) return a < b ? b : a;
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
        const auto x = a.get<std::uint64_t>(), y = b.get<std::uint64_t>();
        return kind == OpKind::Sum ? x + y : x * y;
    }
    if (a.is_number_integer() && b.is_number_integer()) {
        const auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
        return kind == OpKind::Sum ? x + y : x * y;
    }
    const auto x = a.get<double>(), y = b.get<double>();
    return kind == OpKind::Sum ? x + y : x * y;
}

Value bitwise_values(OpKind kind, const Value& a, const Value& b) {
    if (!a.is_number_integer() || !b.is_number_integer()) refuse_values(kind, a, b, "two integers");
    const auto x = a.get<std::int64_t>(), y = b.get<std::int64_t>();
    const std::int64_t r = kind == OpKind::Band ? (x & y) : kind == OpKind::Bor ? (x | y) : (x ^ y);
    if (a.is_number_unsigned() && b.is_number_unsigned()) return static_cast<std::uint64_t>(r);
    return r;
}

bool is_location_pair(const Value& v) {
    return v.is_array() && v.size() == 2 && (v[0].is_number() || v[0].is_string()) && v[1].is_number_integer();
}

Value location_values(OpKind kind, const Value& a, const Value& b) {
    if (!is_location_pair(a) || !is_location_pair(b))
        refuse_values(kind, a, b, "[value, index] pairs, e.g. [3.5, rank]");
    const bool b_better = kind == OpKind::Minloc ? b[0] < a[0] : a[0] < b[0];
    const bool tie = !(a[0] < b[0]) && !(b[0] < a[0]);
    if (b_better || (tie && b[1].get<std::int64_t>() < a[1].get<std::int64_t>())) return b;
    return a;
}

// Element <-> Value, for a generic user op applied to typed buffers.
template <class T>
Value load(const std::byte* p) {
    T x;
    std::memcpy(&x, p, sizeof(T));
    if constexpr (std::is_same_v<T, IntInt> || std::is_same_v<T, FloatInt> || std::is_same_v<T, DoubleInt> ||
                  std::is_same_v<T, LongInt>) {
        return Value::array({x.value, x.index});
    } else {
        return x;
    }
}

template <class T>
void store(std::byte* p, const Value& v) {
    T x;
    if constexpr (std::is_same_v<T, IntInt> || std::is_same_v<T, FloatInt> || std::is_same_v<T, DoubleInt> ||
                  std::is_same_v<T, LongInt>) {
        x.value = v.at(0).get<decltype(x.value)>();
        x.index = v.at(1).get<std::int32_t>();
    } else {
        x = v.get<T>();
    }
    std::memcpy(p, &x, sizeof(T));
}

}  // namespace

Op Op::user(GenericFn fn, bool commutative, std::string name) {
    Op op(OpKind::User);
    op.generic_ = std::move(fn);
    op.commutative_ = commutative;
    op.user_name_ = std::move(name);
    return op;
}

Op Op::user_typed(TypedFn fn, bool commutative, std::string name) {
    Op op(OpKind::User);
    op.typed_ = std::move(fn);
    op.commutative_ = commutative;
    op.user_name_ = std::move(name);
    return op;
}

Op Op::with_generic(GenericFn fn) const {
    Op op = *this;
    op.generic_ = std::move(fn);
    return op;
}

const std::string& Op::name() const { return kind_ == OpKind::User ? user_name_ : predefined_name(kind_); }

bool Op::supports(Datatype type) const {
    if (type.kind == TypeKind::Generic) return false;
    if (kind_ == OpKind::User) return typed_ || type.kind != TypeKind::Byte;
    return refusal(kind_, type.kind).empty();
}

Value Op::apply(const Value& earlier, const Value& later) const {
    if (generic_ && kind_ != OpKind::User) return generic_(earlier, later);
    switch (family(kind_)) {
    case Family::Arithmetic: return arithmetic_values(kind_, earlier, later);
    case Family::Logical: {
        const bool x = truthy(kind_, earlier, later), y = truthy(kind_, later, earlier);
        return kind_ == OpKind::Land ? (x && y) : kind_ == OpKind::Lor ? (x || y) : (x != y);
    }
    case Family::Bitwise: return bitwise_values(kind_, earlier, later);
    case Family::Location: return location_values(kind_, earlier, later);
    case Family::None: break;
    }
    if (kind_ != OpKind::User) throw std::invalid_argument("no reduction op was given");
    if (!generic_)
        throw std::invalid_argument("the user op \"" + user_name_ +
                                    "\" was made with Op::user_typed and works on typed buffers only; "
                                    "make it with Op::user to combine generic values");
    return generic_(earlier, later);
}

void Op::apply(const void* in, void* inout, std::int64_t count, Datatype type) const {
    if (kind_ == OpKind::User) {
        if (typed_) {
            typed_(in, inout, count, type);
            return;
        }
        if (!supports(type))
            throw std::invalid_argument("the user op \"" + user_name_ + "\" cannot combine " +
                                        std::string(type_kind_name(type.kind)) + " elements");
        // A generic user op, element by element.
        with_type(type.kind, [&]<class T>() {
            const auto* a = static_cast<const std::byte*>(in);
            auto* b = static_cast<std::byte*>(inout);
            for (std::int64_t i = 0; i < count; ++i)
                store<T>(b + i * sizeof(T), generic_(load<T>(a + i * sizeof(T)), load<T>(b + i * sizeof(T))));
        });
        return;
    }
    if (const std::string why = refusal(kind_, type.kind); !why.empty()) throw std::invalid_argument(why);
    with_type(type.kind, [&]<class T>() { typed_kernel<T>(kind_, in, inout, count); });
}

}  // namespace mpilab
