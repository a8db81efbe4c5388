package dev.jcoro.processor.lower;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.jcoro.processor.model.LineMark;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The source of one compilation unit, addressed by trees: the text the lowering copies. */
public final class SourceText {
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final String text;
  private final boolean marks;
  private final boolean lineMarks;

  public SourceText(CompilationUnitTree unit, Trees trees) {
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    try {
      this.text = unit.getSourceFile().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.marks = TypeMark.canMark(text);
    this.lineMarks = LineMark.canMark(text);
  }

  /** Whether the lowered code marks the user's lines ({@link LineMark}) for stack traces. */
  public boolean marksLines() {
    return lineMarks;
  }

  /** The 1-based line of position {@code position}. */
  int lineAt(int position) {
    return (int) unit.getLineMap().getLineNumber(position);
  }

  /**
   * {@code type} in the lowered code: a {@link TypeMark}, or its canonical name in the odd unit
   * whose text contains a mark's character.
   */
  public String mark(ClassName type) {
    return marks ? TypeMark.of(type) : type.canonicalName();
  }

  /** {@code type} written in the lowered code, its classes as marks. */
  public String code(TypeName type) {
    if (type instanceof ClassName) {
      ClassName name = (ClassName) type;
      return name.packageName().isEmpty() && name.simpleNames().size() == 1
          ? name.simpleName()
          : mark(name);
    }
    if (type instanceof ParameterizedTypeName) {
      ParameterizedTypeName parameterized = (ParameterizedTypeName) type;
      StringBuilder code = new StringBuilder(parameterized.enclosingType() == null
          ? code(parameterized.rawType())
          : code(parameterized.enclosingType()) + "." + parameterized.rawType().simpleName());
      if (parameterized.typeArguments().isEmpty()) {
        return code.toString();
      }
      code.append('<');
      for (int i = 0; i < parameterized.typeArguments().size(); i++) {
        code.append(i == 0 ? "" : ", ").append(code(parameterized.typeArguments().get(i)));
      }
      return code.append('>').toString();
    }
    if (type instanceof ArrayTypeName) {
      return code(((ArrayTypeName) type).componentType()) + "[]";
    }
    if (type instanceof WildcardTypeName) {
      WildcardTypeName wildcard = (WildcardTypeName) type;
      if (!wildcard.lowerBounds().isEmpty()) {
        return "? super " + code(wildcard.lowerBounds().get(0));
      }
      TypeName upper = wildcard.upperBounds().get(0);
      return upper.equals(ClassName.OBJECT) ? "?" : "? extends " + code(upper);
    }
    return type.toString();
  }

  public int start(Tree tree) {
    return (int) positions.getStartPosition(unit, tree);
  }

  public int end(Tree tree) {
    return (int) positions.getEndPosition(unit, tree);
  }

  public String text(int start, int end) {
    return text.substring(start, end);
  }

  public String of(Tree tree) {
    return text(start(tree), end(tree));
  }

  /** The 1-based line of the tree's start. */
  public long line(Tree tree) {
    LineMap lines = unit.getLineMap();
    return lines.getLineNumber(start(tree));
  }

  /** The indentation of the line the tree starts on, counting a tab as one. */
  public int indentation(Tree tree) {
    int lineStart = text.lastIndexOf('\n', start(tree) - 1) + 1;
    int end = lineStart;
    while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return end - lineStart;
  }

  /** The tree's first line, shortened for a comment. */
  public String firstLine(Tree tree) {
    String source = of(tree);
    int newline = source.indexOf('\n');
    String line = (newline < 0 ? source : source.substring(0, newline)).strip();
    return line.length() > 80 ? line.substring(0, 77) + "..." : line;
  }
}
