/*
 * test's expression language (spec/coreutils.md CU-414): the parser over the
 * operands and the operators it evaluates.
 */
#ifndef TEST_EXPR_H
#define TEST_EXPR_H

#include <stdbool.h>

#define TEST_TRUE 0
#define TEST_FALSE 1
#define TEST_ERROR 2

/* Evaluate argv[0..argc) (the operands, without `]`); TEST_TRUE/TEST_FALSE, or TEST_ERROR after a message. */
int test_evaluate(const char *prog, int argc, char **argv);

/* Is op a unary operator test knows (-e, -f, ...)? */
bool test_is_unary(const char *op);

/* Evaluate unary op on arg (op passed test_is_unary). */
bool test_unary(const char *op, const char *arg);

/* Is op a binary operator (=, !=, -eq, -nt, ...; not -a/-o)? */
bool test_is_binary(const char *op);

/* Evaluate a binary operator; false with *bad set to the argument that is not an integer. */
bool test_binary(const char *left, const char *op, const char *right, const char **bad);

#endif
