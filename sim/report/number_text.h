// Numbers as a person reads them in progress lines and summaries.
#pragma once

#include <cstdint>
#include <string>

namespace aion::report {

// 950, 12.3k, 4.56M: three significant digits above a thousand.
std::string short_count(double value);

// A fixed number of decimals: fixed(2.345, 1) is "2.3".
std::string fixed(double value, int decimals);

}  // namespace aion::report
