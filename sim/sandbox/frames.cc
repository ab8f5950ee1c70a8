#include "sim/sandbox/frames.h"

#include <unistd.h>

#include <cerrno>
#include <charconv>

namespace aion::sandbox {

bool write_frame(int fd, std::string_view payload) {
  const std::string frame = std::to_string(payload.size()) + "\n" + std::string(payload);
  std::size_t done = 0;
  while (done < frame.size()) {
    const ssize_t wrote = ::write(fd, frame.data() + done, frame.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

std::optional<std::string> FrameReader::next() {
  const auto newline = buffer_.find('\n');
  if (newline == std::string::npos) return std::nullopt;
  std::size_t length = 0;
  const auto [end, error] = std::from_chars(buffer_.data(), buffer_.data() + newline, length);
  if (error != std::errc() || end != buffer_.data() + newline) {
    // Not a frame: nothing after it can be trusted either.
    buffer_.clear();
    return std::nullopt;
  }
  if (buffer_.size() - newline - 1 < length) return std::nullopt;
  std::string payload = buffer_.substr(newline + 1, length);
  buffer_.erase(0, newline + 1 + length);
  return payload;
}

}  // namespace aion::sandbox
