#include "sim/sandbox/frames.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace aion::sandbox {

std::string frame_of(std::string_view payload) {
  return std::to_string(payload.size()) + "\n" + std::string(payload);
}

bool write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

bool write_frame(int fd, std::string_view payload) { return write_all(fd, frame_of(payload)); }

std::optional<std::string> FrameReader::next() {
  // Frames are read from `start_` on and the buffer is compacted only now and then, so that
  // taking many small frames out of a large read stays linear.
  if (start_ > 0 && start_ * 2 >= buffer_.size()) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  const auto newline = buffer_.find('\n', start_);
  if (newline == std::string::npos) return std::nullopt;
  std::size_t length = 0;
  const auto [end, error] =
      std::from_chars(buffer_.data() + start_, buffer_.data() + newline, length);
  if (error != std::errc() || end != buffer_.data() + newline) {
    // Not a frame: nothing after it can be trusted either.
    buffer_.clear();
    start_ = 0;
    return std::nullopt;
  }
  if (buffer_.size() - newline - 1 < length) return std::nullopt;
  std::string payload = buffer_.substr(newline + 1, length);
  start_ = newline + 1 + length;
  return payload;
}

}  // namespace aion::sandbox
