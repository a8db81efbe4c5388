package programs;

import dev.jcoro.Coroutine;
import dev.jcoro.Yield;
import java.util.concurrent.TimeUnit;

/** Switch statements with yields in their cases; switch expressions without. */
public class Switches {
  static final int SPECIAL = 7;

  @Coroutine
  @SuppressWarnings("fallthrough")
  static void fallThrough(Yield<String, Integer> co) {
    while (true) {
      Integer command = co.yield("command?");
      if (command == null) {
        return;
      }
      switch (command) {
        case 1:
          co.yield("one");
        case 2:
          co.yield("one or two");
          break;
        case SPECIAL:
          System.out.println("special");
          continue;
        default:
          int doubled = command * 2;
          co.yield("other " + doubled);
          System.out.println("after other " + doubled);
      }
      System.out.println("after switch " + command);
    }
  }

  @Coroutine
  static void arrows(Yield<String, String> co) {
    loop:
    while (true) {
      String word = co.yield("word?");
      switch (word) {
        case "stop" -> {
          break loop;
        }
        case "a", "b" -> co.yield("letter " + word);
        case "echo" -> {
          String echoed = co.yield("say something");
          co.yield("you said " + echoed);
        }
        default -> System.out.println("unknown " + word);
      }
    }
    co.yield("stopped");
  }

  @Coroutine
  static int enums(Yield<TimeUnit, Integer> co) {
    int total = 0;
    for (TimeUnit unit : new TimeUnit[] {TimeUnit.SECONDS, TimeUnit.MINUTES, TimeUnit.HOURS}) {
      switch (unit) {
        case SECONDS:
          total += 1;
          break;
        case MINUTES:
          total += co.yield(unit);
          break;
        default:
          int size = switch (unit) {
            case HOURS -> 3600;
            default -> 0;
          };
          total += size;
      }
    }
    return total;
  }

  @Coroutine
  static String selectorYields(Yield<String, Integer> co) {
    switch (co.yield("pick")) {
      case 0:
        return "zero";
      case 1:
        return "one";
      default:
        return "many";
    }
  }
}
