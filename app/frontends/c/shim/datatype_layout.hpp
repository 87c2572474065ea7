// What an MPI datatype is in memory: the predefined C types (each mapped onto a core element type)
// and the layout of a derived type as a list of segments — runs of one predefined type at a byte
// offset — in type-map order, with its lower bound, upper bound (extent = ub - lb) and true bounds.
// A message travels packed: the segments of each element one after the other, as elements of the
// type's `base` core type (its one predefined element type, or bytes when the type mixes several).
// Layouts are immutable once built and shared (a pending receive keeps the layout it unpacks into).
#pragma once

#include "core/types.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace mpilab::cshim {

// The predefined datatypes, by slot (mpi.h's MPILAB_TYPE(i)).
inline constexpr std::uint32_t kPredefinedTypes = 43;

enum class TypeClass : std::uint8_t { None, Char, Integer, Floating, Complex, Bool, Byte, Pair };

struct BasicType {
    const char* name;      // "MPI_INT"
    Datatype core;         // the core's element type; {Byte, size} for types the core has no kind for
    std::uint32_t align;   // alignment in a C struct
    TypeClass type_class;
    bool opaque;           // travels as bytes (the core has no element type for it): size checked, not type
};
// Slot 0 (MPI_DATATYPE_NULL) has name "MPI_DATATYPE_NULL" and size 0.
const BasicType& basic_type(std::uint32_t slot);

// A run of `count` elements of predefined type `basic` at byte `offset` from the buffer.
struct Segment {
    std::int64_t offset = 0;
    std::int64_t count = 0;
    std::uint32_t basic = 0;
    std::int64_t bytes() const { return count * basic_type(basic).core.size; }
};

struct Layout {
    std::vector<Segment> segments;   // in type-map order; adjacent runs of one type merged
    std::int64_t size = 0;           // bytes of data in one element (MPI_Type_size)
    std::int64_t lb = 0, ub = 0;     // extent = ub - lb (MPI_Type_get_extent)
    std::int64_t true_lb = 0, true_ub = 0;
    std::uint32_t alignment = 1;     // of the strictest predefined type inside
    Datatype base{TypeKind::Byte, 1};   // element type of the packed form
    bool uniform = true;             // every segment has base's core type
    bool contiguous = true;          // one element is exactly one segment filling its extent
    std::int64_t basic_elements = 0; // predefined elements in one element (MPI_Get_elements)

    std::int64_t extent() const { return ub - lb; }
    // Core elements of the packed form of one element.
    std::int64_t base_count() const { return base.size ? size / base.size : 0; }
};
using LayoutPtr = std::shared_ptr<const Layout>;

LayoutPtr predefined_layout(std::uint32_t slot);

// Builds a layout: blocks of `count` elements of `child`, the k-th element of a block at
// displacement + k * child.extent(); finish() computes the bounds (ub padded to the alignment for
// struct types, as C pads a struct).
class LayoutBuilder {
public:
    // Throws std::length_error when the type would have more segments than mpilab handles.
    void add(const Layout& child, std::int64_t displacement, std::int64_t count);
    LayoutPtr finish(bool pad_to_alignment);
    // MPI_Type_create_resized: the child's data with new bounds.
    static LayoutPtr resized(const Layout& child, std::int64_t lb, std::int64_t extent);

private:
    void append(const Segment& s);
    Layout layout_;
    bool any_ = false;
    std::int64_t lb_ = 0, ub_ = 0;
};

// Copies `count` elements laid out as `layout` from `from` into a packed buffer (size * count bytes).
void pack(const Layout& layout, const void* from, std::int64_t count, std::byte* packed);
// Copies up to `bytes` packed bytes into `count` elements laid out as `layout` at `to`.
void unpack(const Layout& layout, const std::byte* packed, std::int64_t bytes, void* to, std::int64_t count);
// How many predefined elements `bytes` packed bytes hold (MPI_Get_elements), or -1 if they end
// inside one.
std::int64_t basic_elements_in(const Layout& layout, std::int64_t bytes);

}  // namespace mpilab::cshim
