// Switch-heavy dispatch: a small stack-based bytecode interpreter written in
// C, the shape of many real programs (emulators, scripting engines). clang
// lowers its switch to br_table. The bytecode program runs a loop of n
// iterations that mixes arithmetic, locals and a conditional jump.
#include <stdint.h>

enum {
  OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_XOR, OP_AND,
  OP_SHR, OP_DUP, OP_LT, OP_JZ, OP_JMP, OP_INC, OP_HALT,
};

// sum = 0; x = 1; i = 0
// while (i < n) { x = (x * 1103515245 + 12345) & 0x7fffffff;
//                 sum = sum ^ (x >> 3) + i; i++ }
static const int32_t program[] = {
    OP_PUSH, 0, OP_STORE, 0,  // sum
    OP_PUSH, 1, OP_STORE, 1,  // x
    OP_PUSH, 0, OP_STORE, 2,  // i
    // loop: (pc 12)
    OP_LOAD, 2, OP_LOAD, 3, OP_LT, OP_JZ, 52,
    OP_LOAD, 1, OP_PUSH, 1103515245, OP_MUL, OP_PUSH, 12345, OP_ADD,
    OP_PUSH, 0x7fffffff, OP_AND, OP_DUP, OP_STORE, 1,
    OP_PUSH, 3, OP_SHR, OP_LOAD, 2, OP_ADD, OP_LOAD, 0, OP_XOR, OP_STORE, 0,
    OP_INC, 2, OP_JMP, 12,
    OP_HALT, OP_HALT, OP_HALT, OP_HALT,
    // end: (pc 52)
    OP_LOAD, 0, OP_HALT,
};

static uint32_t execute(const int32_t *code, int32_t n) {
  uint32_t stack[64], locals[4] = {0, 0, 0, (uint32_t)n};
  int sp = 0, pc = 0;
  for (;;) {
    switch (code[pc++]) {
    case OP_PUSH: stack[sp++] = (uint32_t)code[pc++]; break;
    case OP_LOAD: stack[sp++] = locals[code[pc++]]; break;
    case OP_STORE: locals[code[pc++]] = stack[--sp]; break;
    case OP_ADD: sp--; stack[sp - 1] += stack[sp]; break;
    case OP_SUB: sp--; stack[sp - 1] -= stack[sp]; break;
    case OP_MUL: sp--; stack[sp - 1] *= stack[sp]; break;
    case OP_XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
    case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
    case OP_SHR: sp--; stack[sp - 1] >>= stack[sp]; break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_LT: sp--; stack[sp - 1] = (int32_t)stack[sp - 1] < (int32_t)stack[sp]; break;
    case OP_JZ: { int32_t t = code[pc++]; if (stack[--sp] == 0) pc = t; break; }
    case OP_JMP: pc = code[pc]; break;
    case OP_INC: locals[code[pc++]]++; break;
    case OP_HALT: return sp > 0 ? stack[sp - 1] : 0;
    }
  }
}

__attribute__((export_name("run"))) uint64_t run(int n) { return execute(program, n); }
