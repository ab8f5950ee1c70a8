#include "sim/report/number_text.h"

#include <cstdio>

namespace aion::report {

std::string short_count(double value) {
  const char* suffix = "";
  if (value >= 1e9) {
    value /= 1e9;
    suffix = "G";
  } else if (value >= 1e6) {
    value /= 1e6;
    suffix = "M";
  } else if (value >= 1e3) {
    value /= 1e3;
    suffix = "k";
  } else {
    return fixed(value, 0);
  }
  return fixed(value, value < 10 ? 2 : value < 100 ? 1 : 0) + suffix;
}

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

}  // namespace aion::report
