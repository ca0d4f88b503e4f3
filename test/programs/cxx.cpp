// C++: exceptions (incl. across frames and rethrow), iostream formatting,
// STL containers/algorithms, virtual dispatch, RTTI, static init order.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const { return "shape"; }
};
struct Rect : Shape {
  double w, h;
  Rect(double w_, double h_) : w(w_), h(h_) {}
  double area() const override { return w * h; }
  std::string name() const override { return "rect"; }
};
struct Square : Rect {
  explicit Square(double s) : Rect(s, s) {}
  std::string name() const override { return "square"; }
};
struct Circle : Shape {
  double r;
  explicit Circle(double r_) : r(r_) {}
  double area() const override { return 3.141592653589793 * r * r; }
};

struct MyError : std::runtime_error {
  int code;
  MyError(const std::string &m, int c) : std::runtime_error(m), code(c) {}
};

static int destroyed = 0;
struct Guard {
  std::string tag;
  explicit Guard(std::string t) : tag(std::move(t)) {}
  ~Guard() { destroyed++; std::cout << "  ~Guard(" << tag << ")\n"; }
};

static int thrower(int depth) {
  Guard g("depth" + std::to_string(depth));
  if (depth == 0) throw MyError("bottom reached", 99);
  return thrower(depth - 1) + 1;
}

struct Counter {
  static int live;
  Counter() { live++; }
  Counter(const Counter &) { live++; }
  ~Counter() { live--; }
};
int Counter::live = 0;

static std::string global_str = std::string("global-") + std::to_string(7 * 6);

int main() {
  std::cout << "global: " << global_str << "\n";
  // exceptions
  try {
    thrower(3);
  } catch (const MyError &e) {
    std::cout << "caught MyError: " << e.what() << " code=" << e.code << " destroyed=" << destroyed << "\n";
  }
  try {
    try {
      std::vector<int> v(3);
      (void)v.at(10);
    } catch (const std::out_of_range &) {
      std::cout << "caught out_of_range, rethrowing\n";
      throw;
    }
  } catch (const std::logic_error &e) {
    std::cout << "caught as logic_error\n";
  }
  try {
    throw 42;
  } catch (int x) {
    std::cout << "caught int " << x << "\n";
  }
  try {
    std::string s;
    s.reserve(s.max_size() + 1);
  } catch (const std::length_error &) {
    std::cout << "caught length_error\n";
  } catch (const std::bad_alloc &) {
    std::cout << "caught bad_alloc\n";
  }
  try {
    throw std::runtime_error("nested");
  } catch (...) {
    auto ep = std::current_exception();
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception &e) {
      std::cout << "rethrow_exception: " << e.what() << "\n";
    }
  }
  {
    Counter c1;
    try {
      Counter c2;
      std::vector<Counter> vc(5);
      throw std::string("str-exc");
    } catch (const std::string &s) {
      std::cout << "caught std::string " << s << " live=" << Counter::live << "\n";
    }
  }
  std::cout << "Counter::live after scope=" << Counter::live << "\n";

  // virtual functions + RTTI
  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Rect>(2, 3.5));
  shapes.push_back(std::make_unique<Circle>(1.5));
  shapes.push_back(std::make_unique<Square>(4));
  shapes.push_back(std::make_unique<Circle>(0.5));
  std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) { return a->area() < b->area(); });
  for (const auto &s : shapes) {
    std::cout << std::setw(8) << s->name() << " area=" << std::fixed << std::setprecision(4) << s->area()
              << " is_rect=" << (dynamic_cast<Rect *>(s.get()) != nullptr) << "\n";
  }
  std::cout.unsetf(std::ios::fixed);
  std::cout << std::setprecision(6);

  // containers
  std::vector<int> v;
  unsigned seed = 1;
  for (int i = 0; i < 1000; i++) { seed = seed * 1664525u + 1013904223u; v.push_back((int)(seed >> 20)); }
  std::sort(v.begin(), v.end());
  std::cout << "sorted: front=" << v.front() << " back=" << v.back() << " sum=" << std::accumulate(v.begin(), v.end(), 0LL)
            << " unique=" << (std::unique(v.begin(), v.end()) - v.begin()) << "\n";
  std::stable_sort(v.begin(), v.end(), std::greater<int>());
  std::cout << "desc first 5:";
  for (int i = 0; i < 5; i++) std::cout << ' ' << v[i];
  std::cout << "\n";

  std::map<std::string, int> freq;
  std::istringstream text("the quick brown fox jumps over the lazy dog the end fox");
  std::string w;
  while (text >> w) freq[w]++;
  for (const auto &kv : freq) std::cout << kv.first << ':' << kv.second << ' ';
  std::cout << "\n";
  std::unordered_map<int, std::string> um;
  for (int i = 0; i < 100; i++) um[i * 7] = std::to_string(i);
  std::cout << "unordered size=" << um.size() << " um[693]=" << um[693] << " count(5)=" << um.count(5) << "\n";

  // strings
  std::string s = "Hello";
  s += ", World";
  s.insert(5, "!!");
  std::string up = s;
  std::transform(up.begin(), up.end(), up.begin(), ::toupper);
  std::cout << s << " | " << up << " | find=" << s.find("World") << " substr=" << s.substr(2, 5)
            << " npos=" << (s.find("zzz") == std::string::npos) << "\n";
  std::ostringstream os;
  os << std::hex << 255 << ' ' << std::oct << 8 << ' ' << std::dec << std::showpos << 5 << std::noshowpos << ' '
     << std::scientific << 12345.678 << ' ' << std::fixed << std::setprecision(2) << 3.14159 << ' ' << std::boolalpha
     << true << ' ' << std::setfill('*') << std::setw(6) << 42;
  std::cout << "ostringstream: " << os.str() << "\n";
  double d = std::stod("2.5e3");
  long long ll = std::stoll("-9000000000");
  std::cout << "stod=" << d << " stoll=" << ll << " to_string=" << std::to_string(1.5) << "\n";
  std::cout << "typeid: " << (typeid(*shapes[0]) == typeid(Circle)) << "\n";
  return 0;
}
