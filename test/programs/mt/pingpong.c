// Two threads take turns through one mutex and two condition variables: each increments the shared
// counter only on its own turn, ROUNDS times. The final counter and the turn checks are independent of
// scheduling.
#include <pthread.h>
#include <stdio.h>

#define ROUNDS 10000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed[2] = { PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER };
static int turn;          // whose turn: 0 or 1
static long counter;
static long out_of_turn;

static void *player(void *arg) {
  int me = (int)(long)arg;
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&lock);
    while (turn != me) pthread_cond_wait(&turn_changed[me], &lock);
    if (counter % 2 != me) out_of_turn++;
    counter++;
    turn = 1 - me;
    pthread_cond_signal(&turn_changed[1 - me]);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, player, (void *)0L);
  pthread_create(&b, NULL, player, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  if (counter != 2 * ROUNDS || out_of_turn != 0) { printf("FAIL counter %ld out of turn %ld\n", counter, out_of_turn); return 1; }
  printf("pingpong rounds %d counter %ld\n", ROUNDS, counter);
  return 0;
}
