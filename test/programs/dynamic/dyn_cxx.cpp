// Dynamically linked C++: libstdc++, libgcc_s unwinding (exceptions across library frames), iostreams,
// containers, virtual calls, static constructors, thread_local.
#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};
struct Rect : Shape {
  double w, h;
  Rect(double w, double h) : w(w), h(h) {}
  double area() const override { return w * h; }
  std::string name() const override { return "rect"; }
};
struct Circle : Shape {
  double r;
  explicit Circle(double r) : r(r) {}
  double area() const override { return 3.141592653589793 * r * r; }
  std::string name() const override { return "circle"; }
};

static std::map<std::string, int> registry = {{"alpha", 1}, {"beta", 2}};
thread_local int tl_counter = 5;

static int parse(const std::string &s) {
  std::size_t pos = 0;
  int v = std::stoi(s, &pos);
  if (pos != s.size()) throw std::invalid_argument("trailing junk in '" + s + "'");
  return v;
}

int main() {
  std::vector<std::unique_ptr<Shape>> shapes;
  for (int i = 1; i <= 4; i++) {
    shapes.push_back(std::make_unique<Rect>(i, i + 1));
    shapes.push_back(std::make_unique<Circle>(i * 0.5));
  }
  std::sort(shapes.begin(), shapes.end(), [](const auto &a, const auto &b) { return a->area() < b->area(); });
  std::ostringstream os;
  os.precision(6);
  for (const auto &s : shapes) os << s->name() << ':' << s->area() << ' ';
  std::cout << os.str() << '\n';

  for (const char *in : {"42", "17x", "-5", "zz"}) {
    try {
      std::cout << "parse(" << in << ") = " << parse(in) << '\n';
    } catch (const std::invalid_argument &e) {
      std::cout << "parse(" << in << ") threw invalid_argument: " << e.what() << '\n';
    }
  }
  try {
    std::vector<int> v(3);
    (void)v.at(10);
  } catch (const std::out_of_range &) {
    std::cout << "out_of_range caught\n";
  }
  registry["gamma"] = 3;
  for (const auto &[k, v] : registry) std::cout << k << '=' << v << ' ';
  std::cout << '\n';
  tl_counter += 10;
  std::string text = "the quick brown fox jumps over the lazy dog";
  std::map<char, int> freq;
  for (char c : text) if (c != ' ') freq[c]++;
  auto best = std::max_element(freq.begin(), freq.end(), [](auto &a, auto &b) { return a.second < b.second; });
  std::cout << "most frequent: " << best->first << " x" << best->second << ", thread_local=" << tl_counter << std::endl;
  return 0;
}
