// A program that can never finish: the main thread joins a worker that waits on a condition variable
// nobody signals. rvemu must stop with a deadlock report naming both threads and what they wait on.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *wait_forever(void *arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  pthread_cond_wait(&never, &lock);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, wait_forever, NULL);
  puts("joining a thread that never ends");
  fflush(stdout);
  pthread_join(t, NULL);
  puts("unreachable");
  return 0;
}
