// The predefined C datatypes and the layout arithmetic of derived ones: building segment lists,
// bounds, packing and unpacking.
#include "datatype_layout.hpp"

#include <algorithm>
#include <array>
#include <complex>
#include <cstring>
#include <stdexcept>

namespace mpilab::cshim {

namespace {

struct ShortInt { short value; int index; };
struct LongDoubleInt { long double value; int index; };

constexpr Datatype opaque(std::uint32_t size) { return Datatype{TypeKind::Byte, size}; }
template <class T>
constexpr Datatype core() { return datatype_of<T>; }

static_assert(sizeof(long) == 8 && sizeof(wchar_t) == 4 && sizeof(bool) == 1, "mpilab assumes LP64 Linux");

// In mpi.h's order (MPILAB_TYPE(i)).
const std::array<BasicType, kPredefinedTypes> kBasic{{
    {"MPI_DATATYPE_NULL", Datatype{TypeKind::Byte, 0}, 1, TypeClass::None, false},
    {"MPI_CHAR", core<char>(), 1, TypeClass::Char, false},
    {"MPI_SIGNED_CHAR", core<std::int8_t>(), 1, TypeClass::Integer, false},
    {"MPI_UNSIGNED_CHAR", core<std::uint8_t>(), 1, TypeClass::Integer, false},
    {"MPI_BYTE", core<std::byte>(), 1, TypeClass::Byte, false},
    {"MPI_WCHAR", core<std::int32_t>(), 4, TypeClass::Char, false},
    {"MPI_SHORT", core<std::int16_t>(), 2, TypeClass::Integer, false},
    {"MPI_UNSIGNED_SHORT", core<std::uint16_t>(), 2, TypeClass::Integer, false},
    {"MPI_INT", core<std::int32_t>(), 4, TypeClass::Integer, false},
    {"MPI_UNSIGNED", core<std::uint32_t>(), 4, TypeClass::Integer, false},
    {"MPI_LONG", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_UNSIGNED_LONG", core<std::uint64_t>(), 8, TypeClass::Integer, false},
    {"MPI_LONG_LONG", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_UNSIGNED_LONG_LONG", core<std::uint64_t>(), 8, TypeClass::Integer, false},
    {"MPI_FLOAT", core<float>(), 4, TypeClass::Floating, false},
    {"MPI_DOUBLE", core<double>(), 8, TypeClass::Floating, false},
    {"MPI_LONG_DOUBLE", opaque(sizeof(long double)), alignof(long double), TypeClass::Floating, true},
    {"MPI_C_BOOL", core<bool>(), 1, TypeClass::Bool, false},
    {"MPI_INT8_T", core<std::int8_t>(), 1, TypeClass::Integer, false},
    {"MPI_INT16_T", core<std::int16_t>(), 2, TypeClass::Integer, false},
    {"MPI_INT32_T", core<std::int32_t>(), 4, TypeClass::Integer, false},
    {"MPI_INT64_T", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_UINT8_T", core<std::uint8_t>(), 1, TypeClass::Integer, false},
    {"MPI_UINT16_T", core<std::uint16_t>(), 2, TypeClass::Integer, false},
    {"MPI_UINT32_T", core<std::uint32_t>(), 4, TypeClass::Integer, false},
    {"MPI_UINT64_T", core<std::uint64_t>(), 8, TypeClass::Integer, false},
    {"MPI_AINT", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_OFFSET", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_COUNT", core<std::int64_t>(), 8, TypeClass::Integer, false},
    {"MPI_C_FLOAT_COMPLEX", opaque(sizeof(std::complex<float>)), alignof(float), TypeClass::Complex, true},
    {"MPI_C_DOUBLE_COMPLEX", opaque(sizeof(std::complex<double>)), alignof(double), TypeClass::Complex, true},
    {"MPI_C_LONG_DOUBLE_COMPLEX", opaque(sizeof(std::complex<long double>)), alignof(long double),
     TypeClass::Complex, true},
    {"MPI_PACKED", core<std::byte>(), 1, TypeClass::Byte, false},
    {"MPI_FLOAT_INT", core<FloatInt>(), alignof(FloatInt), TypeClass::Pair, false},
    {"MPI_DOUBLE_INT", core<DoubleInt>(), alignof(DoubleInt), TypeClass::Pair, false},
    {"MPI_LONG_INT", core<LongInt>(), alignof(LongInt), TypeClass::Pair, false},
    {"MPI_2INT", core<IntInt>(), alignof(IntInt), TypeClass::Pair, false},
    {"MPI_SHORT_INT", opaque(sizeof(ShortInt)), alignof(ShortInt), TypeClass::Pair, true},
    {"MPI_LONG_DOUBLE_INT", opaque(sizeof(LongDoubleInt)), alignof(LongDoubleInt), TypeClass::Pair, true},
    {"MPI_CXX_BOOL", core<bool>(), 1, TypeClass::Bool, false},
    {"MPI_CXX_FLOAT_COMPLEX", opaque(sizeof(std::complex<float>)), alignof(float), TypeClass::Complex, true},
    {"MPI_CXX_DOUBLE_COMPLEX", opaque(sizeof(std::complex<double>)), alignof(double), TypeClass::Complex, true},
    {"MPI_CXX_LONG_DOUBLE_COMPLEX", opaque(sizeof(std::complex<long double>)), alignof(long double),
     TypeClass::Complex, true},
}};

// A derived type with more segments than this is refused (its description alone would take over
// 100 MB); no textbook type comes near it.
constexpr std::size_t kMaxSegments = std::size_t{1} << 22;

}  // namespace

const BasicType& basic_type(std::uint32_t slot) { return kBasic[slot < kBasic.size() ? slot : 0]; }

LayoutPtr predefined_layout(std::uint32_t slot) {
    static const std::array<LayoutPtr, kPredefinedTypes> layouts = [] {
        std::array<LayoutPtr, kPredefinedTypes> all;
        for (std::uint32_t i = 0; i < kPredefinedTypes; ++i) {
            auto l = std::make_shared<Layout>();
            const BasicType& b = kBasic[i];
            if (i != 0) {
                l->segments.push_back(Segment{0, 1, i});
                l->size = l->ub = l->true_ub = b.core.size;
                l->basic_elements = 1;
            }
            l->alignment = b.align;
            l->base = b.core.size ? b.core : Datatype{TypeKind::Byte, 1};
            all[i] = std::move(l);
        }
        return all;
    }();
    return layouts[slot < kPredefinedTypes ? slot : 0];
}

void LayoutBuilder::append(const Segment& s) {
    if (s.count == 0) return;
    std::vector<Segment>& segs = layout_.segments;
    if (!segs.empty()) {
        Segment& last = segs.back();
        if (last.basic == s.basic && last.offset + last.bytes() == s.offset) {
            last.count += s.count;
            return;
        }
    }
    if (segs.size() >= kMaxSegments)
        throw std::length_error("this datatype is made of more than " + std::to_string(kMaxSegments) +
                                " separate pieces, more than mpilab can describe; build it from larger blocks");
    segs.push_back(s);
}

void LayoutBuilder::add(const Layout& child, std::int64_t displacement, std::int64_t count) {
    if (count <= 0) return;
    const std::int64_t extent = child.extent();
    const std::int64_t first_lb = displacement + child.lb, last_lb = displacement + (count - 1) * extent + child.lb;
    const std::int64_t first_ub = displacement + child.ub, last_ub = displacement + (count - 1) * extent + child.ub;
    const std::int64_t lb = std::min(first_lb, last_lb), ub = std::max(first_ub, last_ub);
    lb_ = any_ ? std::min(lb_, lb) : lb;
    ub_ = any_ ? std::max(ub_, ub) : ub;
    any_ = true;
    layout_.alignment = std::max(layout_.alignment, child.alignment);
    if (child.segments.size() == 1 && child.segments[0].bytes() == extent) {
        // Back-to-back copies of one run: one longer run.
        const Segment& s = child.segments[0];
        append(Segment{displacement + s.offset, s.count * count, s.basic});
        return;
    }
    for (std::int64_t k = 0; k < count; ++k)
        for (const Segment& s : child.segments) append(Segment{displacement + k * extent + s.offset, s.count, s.basic});
}

namespace {

// Size, true bounds, base type and the derived flags, from the segments.
void summarise(Layout& l) {
    l.size = 0;
    l.basic_elements = 0;
    l.uniform = true;
    bool first = true;
    for (const Segment& s : l.segments) {
        const Datatype t = basic_type(s.basic).core;
        l.size += s.bytes();
        l.basic_elements += s.count;
        if (first) {
            l.base = t;
            l.true_lb = s.offset;
            l.true_ub = s.offset + s.bytes();
            first = false;
        } else {
            if (!(t == l.base)) l.uniform = false;
            l.true_lb = std::min(l.true_lb, s.offset);
            l.true_ub = std::max(l.true_ub, s.offset + s.bytes());
        }
    }
    if (first) {
        l.true_lb = l.true_ub = 0;
        l.base = Datatype{TypeKind::Byte, 1};
    }
    if (!l.uniform) l.base = Datatype{TypeKind::Byte, 1};
    l.contiguous = l.segments.empty() || (l.segments.size() == 1 && l.segments[0].bytes() == l.extent());
}

}  // namespace

LayoutPtr LayoutBuilder::finish(bool pad_to_alignment) {
    layout_.lb = any_ ? lb_ : 0;
    layout_.ub = any_ ? ub_ : 0;
    if (pad_to_alignment && layout_.alignment > 1) {
        const std::int64_t extent = layout_.ub - layout_.lb, a = layout_.alignment;
        layout_.ub = layout_.lb + (extent + a - 1) / a * a;
    }
    summarise(layout_);
    return std::make_shared<Layout>(std::move(layout_));
}

LayoutPtr LayoutBuilder::resized(const Layout& child, std::int64_t lb, std::int64_t extent) {
    auto l = std::make_shared<Layout>(child);
    l->lb = lb;
    l->ub = lb + extent;
    summarise(*l);
    return l;
}

void pack(const Layout& layout, const void* from, std::int64_t count, std::byte* packed) {
    const auto* base = static_cast<const std::byte*>(from);
    const std::int64_t extent = layout.extent();
    for (std::int64_t i = 0; i < count; ++i) {
        const std::byte* element = base + i * extent;
        for (const Segment& s : layout.segments) {
            const auto bytes = static_cast<std::size_t>(s.bytes());
            std::memcpy(packed, element + s.offset, bytes);
            packed += bytes;
        }
    }
}

void unpack(const Layout& layout, const std::byte* packed, std::int64_t bytes, void* to, std::int64_t count) {
    auto* base = static_cast<std::byte*>(to);
    const std::int64_t extent = layout.extent();
    for (std::int64_t i = 0; i < count && bytes > 0; ++i) {
        std::byte* element = base + i * extent;
        for (const Segment& s : layout.segments) {
            const std::int64_t n = std::min(s.bytes(), bytes);
            std::memcpy(element + s.offset, packed, static_cast<std::size_t>(n));
            packed += n;
            bytes -= n;
            if (bytes == 0) return;
        }
    }
}

std::int64_t basic_elements_in(const Layout& layout, std::int64_t bytes) {
    if (layout.size == 0) return 0;
    std::int64_t elements = bytes / layout.size * layout.basic_elements;
    std::int64_t rest = bytes % layout.size;
    for (const Segment& s : layout.segments) {
        if (rest == 0) break;
        const std::int64_t b = s.bytes();
        if (rest >= b) {
            elements += s.count;
            rest -= b;
            continue;
        }
        const std::int64_t one = basic_type(s.basic).core.size;
        if (rest % one != 0) return -1;
        elements += rest / one;
        rest = 0;
    }
    return elements;
}

}  // namespace mpilab::cshim
