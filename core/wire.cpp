// Generic values on the wire (see wire.hpp). The first byte of the text says its form: a JSON text
// starts with a printable character, a binary value with BINARY, anything else holding binary parts
// with CBOR.
#include "wire.hpp"

namespace mpilab {

namespace {

constexpr char BINARY = '\x01';
constexpr char CBOR = '\x02';

bool holds_binary(const Value& v) {
    if (v.is_binary()) return true;
    if (v.is_array() || v.is_object()) {
        for (const Value& item : v)
            if (holds_binary(item)) return true;
    }
    return false;
}

// The sum of the items of an array of binary values, or -1 if `v` is not one.
std::int64_t binary_items_bytes(const Value& v) {
    if (!v.is_array() || v.empty()) return -1;
    std::int64_t total = 0;
    for (const Value& item : v) {
        if (!item.is_binary()) return -1;
        total += static_cast<std::int64_t>(item.get_binary().size());
    }
    return total;
}

}  // namespace

WireValue encode_value(const Value& value) {
    WireValue wire;
    if (value.is_binary()) {
        const auto& bytes = value.get_binary();
        wire.text.reserve(bytes.size() + 1);
        wire.text += BINARY;
        wire.text.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
        wire.bytes = static_cast<std::int64_t>(bytes.size());
        return wire;
    }
    if (!holds_binary(value)) {
        wire.text = value.dump();
        wire.bytes = static_cast<std::int64_t>(wire.text.size());
        return wire;
    }
    wire.text += CBOR;
    Value::to_cbor(value, wire.text);
    const std::int64_t items = binary_items_bytes(value);
    wire.bytes = items >= 0 ? items : static_cast<std::int64_t>(wire.text.size() - 1);
    return wire;
}

Value decode_value(std::string_view text) {
    if (!text.empty() && text.front() == BINARY) {
        const auto* first = reinterpret_cast<const std::uint8_t*>(text.data() + 1);
        return Value::binary(std::vector<std::uint8_t>(first, first + text.size() - 1));
    }
    if (!text.empty() && text.front() == CBOR) {
        const auto* first = reinterpret_cast<const std::uint8_t*>(text.data() + 1);
        return Value::from_cbor(first, first + text.size() - 1);
    }
    return Value::parse(text);
}

std::int64_t wire_bytes(const Value& value) {
    if (value.is_binary()) return static_cast<std::int64_t>(value.get_binary().size());
    return encode_value(value).bytes;
}

}  // namespace mpilab
