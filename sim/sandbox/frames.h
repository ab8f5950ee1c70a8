// Frames: length-prefixed messages over a pipe, so that a reader can tell a
// message it has whole from one its writer died in the middle of. A frame is
// "<decimal length>\n<that many bytes>".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace aion::sandbox {

// Writes one frame to `fd` whole (retrying short writes); false if the pipe broke.
bool write_frame(int fd, std::string_view payload);
// The frame's bytes, for a writer that gathers several frames into one write.
std::string frame_of(std::string_view payload);
// Writes all of `bytes` (retrying short writes); false if the pipe broke.
bool write_all(int fd, std::string_view bytes);

// Accumulates bytes read from a pipe and hands out the whole frames in them.
class FrameReader {
 public:
  void add(std::string_view bytes) { buffer_.append(bytes); }
  // The next whole frame, if the buffer holds one.
  std::optional<std::string> next();
  // Bytes of a frame begun but not finished (what a dying writer left).
  bool partial() const { return buffer_.size() > start_; }

 private:
  std::string buffer_;
  std::size_t start_ = 0;  // where the next frame begins
};

}  // namespace aion::sandbox
