// C++ threading: std::thread with a shared std::mutex-protected map, std::async(std::launch::async)
// futures, a std::condition_variable handoff through a bounded queue, std::atomic counters, and
// std::promise/std::future carrying a value and an exception between threads. Prints results only.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <future>
#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static uint64_t collatz_steps(uint64_t n) {
  uint64_t steps = 0;
  while (n != 1) { n = (n & 1) ? 3 * n + 1 : n / 2; steps++; }
  return steps;
}

static uint64_t steps_in(uint64_t lo, uint64_t hi) {
  uint64_t s = 0;
  for (uint64_t n = lo; n < hi; n++) s += collatz_steps(n);
  return s;
}

static int failures = 0;
static void check(bool ok, const char *what) {
  if (!ok) { std::printf("FAIL %s\n", what); failures++; }
}

int main() {
  // 1. std::thread + std::mutex + std::map
  std::map<int, uint64_t> by_thread;
  std::mutex map_lock;
  std::atomic<uint64_t> total{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++)
    threads.emplace_back([t, &by_thread, &map_lock, &total] {
      uint64_t s = steps_in(1 + 500 * t, 1 + 500 * (t + 1));
      total.fetch_add(s);
      std::lock_guard<std::mutex> g(map_lock);
      by_thread[t] = s;
    });
  for (auto &th : threads) th.join();
  uint64_t serial = steps_in(1, 2001);
  check(total.load() == serial, "std::thread total");
  for (auto &[t, s] : by_thread) std::printf("thread %d: %llu steps\n", t, (unsigned long long)s);
  std::printf("threads total %llu\n", (unsigned long long)total.load());

  // 2. std::async futures
  std::vector<std::future<uint64_t>> futs;
  for (int k = 0; k < 4; k++) futs.push_back(std::async(std::launch::async, steps_in, 2001 + 250 * k, 2001 + 250 * (k + 1)));
  uint64_t async_sum = 0;
  for (auto &f : futs) async_sum += f.get();
  check(async_sum == steps_in(2001, 3001), "std::async sum");
  std::printf("async total %llu\n", (unsigned long long)async_sum);

  // 3. producer/consumer through a bounded queue with condition variables
  std::deque<int> q;
  std::mutex qm;
  std::condition_variable not_empty, not_full;
  const int items = 2000;
  std::atomic<long> consumed_sum{0};
  std::atomic<int> consumed{0};
  auto consumer = [&] {
    for (;;) {
      std::unique_lock<std::mutex> l(qm);
      not_empty.wait(l, [&] { return !q.empty(); });
      int v = q.front();
      q.pop_front();
      not_full.notify_one();
      l.unlock();
      if (v < 0) return;
      consumed_sum += v;
      consumed++;
    }
  };
  std::thread c1(consumer), c2(consumer);
  for (int i = 1; i <= items + 2; i++) {
    std::unique_lock<std::mutex> l(qm);
    not_full.wait(l, [&] { return q.size() < 8; });
    q.push_back(i <= items ? i : -1);
    not_empty.notify_one();
  }
  c1.join();
  c2.join();
  check(consumed.load() == items && consumed_sum.load() == (long)items * (items + 1) / 2, "condition_variable queue");
  std::printf("queue consumed %d sum %ld\n", consumed.load(), consumed_sum.load());

  // 4. promise/future across threads, with a value and with an exception
  std::promise<std::string> pv;
  std::promise<int> pe;
  std::future<std::string> fv = pv.get_future();
  std::future<int> fe = pe.get_future();
  std::thread setter([&] {
    pv.set_value("from another thread");
    try { throw std::runtime_error("thrown in a thread"); } catch (...) { pe.set_exception(std::current_exception()); }
  });
  std::string got = fv.get();
  std::string caught;
  try { fe.get(); } catch (const std::runtime_error &e) { caught = e.what(); }
  setter.join();
  check(got == "from another thread" && caught == "thrown in a thread", "promise/future");
  std::printf("future value \"%s\" exception \"%s\"\n", got.c_str(), caught.c_str());

  // 5. std::atomic compare_exchange from several threads; hardware_concurrency is only range-checked
  std::atomic<int> cas_counter{0};
  std::vector<std::thread> casers;
  for (int t = 0; t < 3; t++)
    casers.emplace_back([&] {
      for (int i = 0; i < 3000; i++) {
        int v = cas_counter.load();
        while (!cas_counter.compare_exchange_weak(v, v + 1)) {}
      }
    });
  for (auto &th : casers) th.join();
  check(cas_counter.load() == 9000, "compare_exchange counter");
  check(std::thread::hardware_concurrency() >= 1, "hardware_concurrency");
  std::printf("cas counter %d\n", cas_counter.load());
  return failures ? 1 : 0;
}
