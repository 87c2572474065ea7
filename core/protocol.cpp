// Eager / rendezvous decision and payload delivery.
#include "protocol.hpp"

#include "buffer_watch.hpp"
#include "wire.hpp"

#include <cstring>

namespace mpilab {

Protocol choose_protocol(const Config& config, std::int64_t bytes, bool synchronous, std::int64_t receiver_buffered) {
    if (synchronous || config.synchronous_sends) return Protocol::Rendezvous;
    if (bytes > config.eager_threshold) return Protocol::Rendezvous;
    if (config.buffer_cap && receiver_buffered + bytes > *config.buffer_cap) return Protocol::Rendezvous;
    return Protocol::Eager;
}

std::string with_commas(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string with_commas(std::int64_t n) {
    // The magnitude in unsigned arithmetic: -INT64_MIN does not fit an int64.
    if (n >= 0) return with_commas(static_cast<std::uint64_t>(n));
    std::string out = with_commas(0 - static_cast<std::uint64_t>(n));
    out.insert(out.begin(), '-');
    return out;
}

std::string rendezvous_reason(const Config& config, std::int64_t bytes, bool synchronous, CallKind kind,
                              std::int64_t receiver_buffered) {
    if (synchronous) return call_name(kind, false) + " is synchronous: it always waits for the matching receive";
    if (config.synchronous_sends) return "this run buffers nothing (every send is synchronous)";
    if (bytes > config.eager_threshold)
        return with_commas(bytes) + " bytes > eager threshold " + with_commas(config.eager_threshold) + " bytes";
    if (config.buffer_cap && receiver_buffered + bytes > *config.buffer_cap)
        return "the receiver's buffer is full (" + with_commas(receiver_buffered) + " of " +
               with_commas(*config.buffer_cap) + " bytes used)";
    return "eager";
}

Payload payload_of(const RequestState& s) {
    Payload p;
    p.generic = s.generic;
    if (s.generic) {
        p.text = s.send_text;
        p.text_bytes = s.bytes;
    } else {
        p.data = s.send_buf.data;
        p.count = s.send_buf.count;
        p.type = s.send_buf.type;
    }
    return p;
}

static std::string describe_typed(std::int64_t count, Datatype type) {
    return std::to_string(count) + " " + std::string(type.name()) + (count == 1 ? " element" : " elements") + " (" +
           std::to_string(count * type.size) + " bytes)";
}

std::optional<DeliveryError> deliver(const Payload& payload, int source_local, int tag, RequestState& receive) {
    const bool receive_generic = receive.recv_value != nullptr;
    if (payload.generic != receive_generic) {
        if (payload.generic)
            return DeliveryError{"type mismatch",
                                 "the message is a generic object sent with a lowercase call (" +
                                     std::to_string(payload.bytes()) +
                                     " bytes of serialised data), but the receive is a typed buffer receive of " +
                                     describe_typed(receive.recv_buf.count, receive.recv_buf.type) +
                                     ": use the lowercase recv() for objects, or send a typed buffer with Send()"};
        return DeliveryError{"type mismatch", "the message is a typed buffer of " +
                                                  describe_typed(payload.count, payload.type) +
                                                  " sent with a capitalised call, but the receive is a generic recv(): "
                                                  "use Recv() with a buffer of the same type"};
    }
    receive.status.source = source_local;
    receive.status.tag = tag;
    receive.status.bytes = payload.bytes();
    if (payload.generic) {
        *receive.recv_value = decode_value(*payload.text);
        receive.status.count = 1;
        receive.status.type = TypeKind::Generic;
        return std::nullopt;
    }
    const Buffer& into = receive.recv_buf;
    const bool raw_bytes = into.type.kind == TypeKind::Byte;   // a byte buffer takes any typed payload
    if (!raw_bytes && payload.type.kind != into.type.kind) {
        std::string detail = "the message holds " + describe_typed(payload.count, payload.type) +
                             " but the receive buffer holds " + describe_typed(into.count, into.type) +
                             ": declare the receive buffer with the sent element type";
        if (payload.bytes() > into.bytes())
            detail += " (MPI itself would report MPI_ERR_TRUNCATE: " + std::to_string(payload.bytes()) +
                      " bytes do not fit in " + std::to_string(into.bytes()) + ")";
        return DeliveryError{"type mismatch", detail};
    }
    if (payload.bytes() > into.bytes()) {
        return DeliveryError{"truncation", "the message holds " + describe_typed(payload.count, payload.type) +
                                               " but the receive buffer has room for only " +
                                               describe_typed(into.count, into.type) +
                                               ": make the receive buffer larger, or send fewer elements"};
    }
    const auto room = static_cast<std::size_t>(into.bytes());
    if (receive.watch_buffer && buffer_checksum(into.data, room) != receive.buffer_sum) receive.buffer_changed = true;
    if (payload.bytes() > 0) std::memcpy(into.data, payload.data, static_cast<std::size_t>(payload.bytes()));
    if (receive.watch_buffer) receive.buffer_sum = buffer_checksum(into.data, room);
    receive.status.count = raw_bytes ? payload.bytes() : payload.count;
    receive.status.type = raw_bytes ? TypeKind::Byte : payload.type.kind;
    return std::nullopt;
}

}  // namespace mpilab
