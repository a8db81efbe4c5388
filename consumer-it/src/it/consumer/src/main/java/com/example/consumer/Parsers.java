package com.example.consumer;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.List;

/** Coroutines that are sent values: primed, with a switch, with try/finally and close. */
public final class Parsers {
  private Parsers() {}

  /**
   * Answers each command sent with what it did: {@code "up"} and {@code "down"} move a counter,
   * {@code "reset"} sets it back to {@code start}, anything else is refused. Primed: ready for
   * {@code send} as soon as it is made.
   *
   * @param co the coroutine's handle
   * @param start the counter's first value
   */
  @Coroutine(primed = true)
  public static void commands(Yield<String, String> co, int start) {
    int counter = start;
    String reply = "ready";
    while (true) {
      String command = co.yield(reply);
      switch (command) {
        case "up":
          counter++;
          reply = "up to " + counter;
          break;
        case "down":
          counter--;
          reply = "down to " + counter;
          break;
        case "reset": {
          String confirm = co.yield("reset " + counter + "?");
          reply = confirm.equals("yes") ? "reset to " + (counter = start) : "kept " + counter;
          break;
        }
        default:
          reply = switch (command.length()) {
            case 0 -> "empty";
            default -> "unknown " + command;
          };
      }
    }
  }

  /**
   * Yields the lines of {@code lines} until closed, writing {@code "open"} to {@code log} first and
   * {@code "closed after N"} when it finishes, however it finishes.
   *
   * @param co the coroutine's handle
   * @param lines what to yield, round and round
   * @param log where the coroutine writes what happens to it
   */
  @Coroutine
  public static void reader(Yield<String, Void> co, List<String> lines, List<String> log) {
    log.add("open");
    int read = 0;
    try {
      while (true) {
        for (String line : lines) {
          co.yield(line);
          read++;
        }
      }
    } finally {
      log.add("closed after " + read);
    }
  }
}
