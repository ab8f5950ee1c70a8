// Text made safe for HTML element content and attribute values.
#pragma once

#include <string>
#include <string_view>

namespace aion::report {

std::string html_escape(std::string_view text);

}  // namespace aion::report
