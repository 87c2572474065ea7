// Runtime element types: names, sizes and classification.
#include "types.hpp"

#include <array>

namespace mpilab {
namespace {

struct TypeInfo {
    TypeKind kind;
    std::uint32_t size;
    const char* name;
};

constexpr std::array<TypeInfo, 18> kTypes{{
    {TypeKind::Byte, 1, "byte"}, {TypeKind::Char, 1, "char"}, {TypeKind::Bool, sizeof(bool), "bool"},
    {TypeKind::Int8, 1, "int8"}, {TypeKind::Int16, 2, "int16"}, {TypeKind::Int32, 4, "int32"},
    {TypeKind::Int64, 8, "int64"}, {TypeKind::UInt8, 1, "uint8"}, {TypeKind::UInt16, 2, "uint16"},
    {TypeKind::UInt32, 4, "uint32"}, {TypeKind::UInt64, 8, "uint64"}, {TypeKind::Float, 4, "float"},
    {TypeKind::Double, 8, "double"}, {TypeKind::IntInt, sizeof(IntInt), "int32+int32"},
    {TypeKind::FloatInt, sizeof(FloatInt), "float+int32"}, {TypeKind::DoubleInt, sizeof(DoubleInt), "double+int32"},
    {TypeKind::LongInt, sizeof(LongInt), "int64+int32"}, {TypeKind::Generic, 1, "object"},
}};

}  // namespace

std::string_view type_kind_name(TypeKind kind) {
    auto index = static_cast<std::size_t>(kind);
    return index < kTypes.size() ? kTypes[index].name : "unknown";
}

bool type_kind_from_name(std::string_view name, TypeKind& out) {
    for (const TypeInfo& t : kTypes) {
        if (name == t.name) {
            out = t.kind;
            return true;
        }
    }
    return false;
}

Datatype datatype_from_kind(TypeKind kind) {
    auto index = static_cast<std::size_t>(kind);
    return index < kTypes.size() ? Datatype{kind, kTypes[index].size} : Datatype{};
}

std::string_view Datatype::name() const { return type_kind_name(kind); }

bool Datatype::is_integer() const {
    switch (kind) {
        case TypeKind::Char: case TypeKind::Int8: case TypeKind::Int16: case TypeKind::Int32: case TypeKind::Int64:
        case TypeKind::UInt8: case TypeKind::UInt16: case TypeKind::UInt32: case TypeKind::UInt64:
            return true;
        default:
            return false;
    }
}

bool Datatype::is_floating() const { return kind == TypeKind::Float || kind == TypeKind::Double; }

bool Datatype::is_pair() const {
    return kind == TypeKind::IntInt || kind == TypeKind::FloatInt || kind == TypeKind::DoubleInt ||
           kind == TypeKind::LongInt;
}

static_assert(static_cast<int>(TypeKind::Generic) == 17, "kTypes follows TypeKind's order");

}  // namespace mpilab
