// Result<T>: a value or the EngineError that explains why there is none.
// Status is a Result that carries no value. Both must be inspected.
#pragma once

#include <utility>
#include <variant>

#include "runtime/engine_error.h"

namespace aion::runtime {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(EngineError error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const EngineError& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, EngineError> state_;
};

struct Unit {};

using Status = Result<Unit>;

inline Status ok_status() { return Unit{}; }

}  // namespace aion::runtime
