// The small vocabulary every part of mpilab shares: special ranks and tags, element types kept as
// runtime data (so a C front end can sit on the same core), typed buffers, statuses and request
// handles. Nothing here blocks or touches the engine.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <ranges>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mpilab {

// A generic value, as mpi4py's lowercase calls send any picklable object. Its size on the wire is
// the size of its serialised JSON text; a binary value (a front end's own serialised object, e.g. a
// Python pickle) counts exactly its bytes (core/wire.hpp).
using Value = nlohmann::json;

inline constexpr int ANY_SOURCE = -1;
inline constexpr int ANY_TAG = -1;
inline constexpr int PROC_NULL = -2;
inline constexpr int UNDEFINED = -32766;   // colour for split(): this rank joins no new communicator
inline constexpr int TAG_UB = 32767;       // the largest tag a program may use (MPI guarantees at least this)

// Element types of typed buffers. The pairs are MPI's value-and-index types for MINLOC/MAXLOC.
enum class TypeKind : std::uint8_t {
    Byte, Char, Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64, Float, Double,
    IntInt, FloatInt, DoubleInt, LongInt,
    Generic,   // a serialised Value: only ever the payload of lowercase calls
};

struct Datatype {
    TypeKind kind = TypeKind::Byte;
    std::uint32_t size = 1;   // bytes per element

    friend bool operator==(const Datatype&, const Datatype&) = default;
    std::string_view name() const;   // "int32", "double", ...
    bool is_integer() const;
    bool is_floating() const;
    bool is_pair() const;
};

// Value-and-index pairs for MINLOC / MAXLOC, laid out as MPI's MPI_2INT, MPI_FLOAT_INT, ...
struct IntInt { std::int32_t value; std::int32_t index; friend bool operator==(const IntInt&, const IntInt&) = default; };
struct FloatInt { float value; std::int32_t index; friend bool operator==(const FloatInt&, const FloatInt&) = default; };
struct DoubleInt { double value; std::int32_t index; friend bool operator==(const DoubleInt&, const DoubleInt&) = default; };
struct LongInt { std::int64_t value; std::int32_t index; friend bool operator==(const LongInt&, const LongInt&) = default; };

template <class T> struct DatatypeOf;   // specialised for every element type a buffer may hold
#define MPILAB_DATATYPE(T, KIND) \
    template <> struct DatatypeOf<T> { static constexpr Datatype value{TypeKind::KIND, sizeof(T)}; };
MPILAB_DATATYPE(std::byte, Byte)
MPILAB_DATATYPE(char, Char)
MPILAB_DATATYPE(bool, Bool)
MPILAB_DATATYPE(std::int8_t, Int8)
MPILAB_DATATYPE(std::int16_t, Int16)
MPILAB_DATATYPE(std::int32_t, Int32)
MPILAB_DATATYPE(std::int64_t, Int64)
MPILAB_DATATYPE(std::uint8_t, UInt8)
MPILAB_DATATYPE(std::uint16_t, UInt16)
MPILAB_DATATYPE(std::uint32_t, UInt32)
MPILAB_DATATYPE(std::uint64_t, UInt64)
MPILAB_DATATYPE(float, Float)
MPILAB_DATATYPE(double, Double)
MPILAB_DATATYPE(IntInt, IntInt)
MPILAB_DATATYPE(FloatInt, FloatInt)
MPILAB_DATATYPE(DoubleInt, DoubleInt)
MPILAB_DATATYPE(LongInt, LongInt)
#undef MPILAB_DATATYPE
// long long is int64_t's twin on LP64 but a distinct type; accept it too.
template <> struct DatatypeOf<long long> { static constexpr Datatype value{TypeKind::Int64, sizeof(long long)}; };
template <> struct DatatypeOf<unsigned long long> { static constexpr Datatype value{TypeKind::UInt64, sizeof(unsigned long long)}; };

template <class T>
concept Element = requires { DatatypeOf<std::remove_cv_t<T>>::value; };

template <Element T>
inline constexpr Datatype datatype_of = DatatypeOf<std::remove_cv_t<T>>::value;

Datatype datatype_from_kind(TypeKind kind);
std::string_view type_kind_name(TypeKind kind);
bool type_kind_from_name(std::string_view name, TypeKind& out);

// A read-only typed buffer: pointer, element count and element type. Built implicitly from a
// scalar, a std::vector, a std::array or a std::span of a known element type.
struct ConstBuffer {
    const void* data = nullptr;
    std::int64_t count = 0;
    Datatype type{};
    bool in_place = false;   // MPI_IN_PLACE: the receive buffer already holds this rank's input

    ConstBuffer() = default;
    ConstBuffer(const void* d, std::int64_t n, Datatype t) : data(d), count(n), type(t) {}
    template <Element T>
    ConstBuffer(const T& scalar) : data(&scalar), count(1), type(datatype_of<T>) {}
    template <std::ranges::contiguous_range R>
        requires Element<std::ranges::range_value_t<R>>
    ConstBuffer(const R& range)
        : data(std::ranges::data(range)), count(static_cast<std::int64_t>(std::ranges::size(range))),
          type(datatype_of<std::ranges::range_value_t<R>>) {}

    std::int64_t bytes() const { return count * static_cast<std::int64_t>(type.size); }
};

// MPI_IN_PLACE, for collectives whose receive buffer already holds this rank's contribution.
inline ConstBuffer in_place() { ConstBuffer b; b.in_place = true; return b; }

// A writable typed buffer.
struct Buffer {
    void* data = nullptr;
    std::int64_t count = 0;
    Datatype type{};

    Buffer() = default;
    Buffer(void* d, std::int64_t n, Datatype t) : data(d), count(n), type(t) {}
    template <Element T>
    Buffer(T& scalar) : data(&scalar), count(1), type(datatype_of<T>) {}
    // A container by reference, or a view of one (a std::span, even a temporary: it does not own the
    // elements, so they outlive it). A temporary container is refused: its elements die with the call.
    template <std::ranges::contiguous_range R>
        requires Element<std::ranges::range_value_t<R>> &&
                 (!std::is_const_v<std::remove_reference_t<std::ranges::range_reference_t<R>>>) &&
                 (std::is_lvalue_reference_v<R> || std::ranges::borrowed_range<R>)
    Buffer(R&& range)
        : data(std::ranges::data(range)), count(static_cast<std::int64_t>(std::ranges::size(range))),
          type(datatype_of<std::ranges::range_value_t<R>>) {}

    std::int64_t bytes() const { return count * static_cast<std::int64_t>(type.size); }
    operator ConstBuffer() const { return ConstBuffer(data, count, type); }
};

// What a completed receive (or probe) tells: who sent it, with which tag, and how much.
struct Status {
    int source = ANY_SOURCE;   // rank in the receiving communicator; PROC_NULL for a null receive
    int tag = ANY_TAG;
    std::int64_t bytes = 0;
    std::int64_t count = 0;    // elements of the message's type (1 for a generic value)
    TypeKind type = TypeKind::Byte;
    bool cancelled = false;    // the receive was cancelled (Comm::cancel) before any message matched it
};

// A handle to a non-blocking operation. Completing it through wait/test sets it back to null,
// as MPI sets a request to MPI_REQUEST_NULL.
struct Request {
    std::uint32_t id = 0;   // 0 is the null request
    bool is_null() const { return id == 0; }
    friend bool operator==(const Request&, const Request&) = default;
};

// Thrown out of a blocking call on every rank when the run ends early (deadlock, error, cancel).
// It deliberately does not derive from std::exception so that `catch (const std::exception&)` in a
// program cannot swallow it; the rank's thread catches it and shuts down.
struct RunAborted {};

// Thrown for an invalid Config before any thread starts.
struct ConfigError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

}  // namespace mpilab
