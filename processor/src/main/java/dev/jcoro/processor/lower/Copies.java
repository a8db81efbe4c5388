package dev.jcoro.processor.lower;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import dev.jcoro.processor.model.Code;
import java.util.List;

/**
 * Copies code that does not suspend, through {@link NativeCopier}, answering what it asks: where
 * a local lives, what an evaluated tree is replaced by, what a jump out of the copied code does.
 */
final class Copies extends LoweringPart implements NativeCopier.Context {
  Copies(Lowering lowering) {
    super(lowering);
  }

  Code copy(Tree tree) {
    return NativeCopier.copy(tree, source, names, this);
  }

  /** {@code tree}'s code where the locals {@code locals} declare are Java locals. */
  Code copy(Tree tree, List<? extends Tree> locals) {
    return NativeCopier.copy(tree, source, names, this, locals);
  }

  @Override
  public String hoistedField(Tree declaration) {
    return locals().hoistedField(declaration);
  }

  @Override
  public String captured(String field) {
    return states().snapshots.computeIfAbsent(field, f -> localNames.freshName(
        f + "$captured" + states().nextSnapshot++, generatedNames));
  }

  @Override
  public String freshLocal(String base) {
    return localNames.freshName(base, generatedNames);
  }

  @Override
  public String self() {
    return locals().receiverField == null ? "this" : locals().receiverField;
  }

  @Override
  public Code replacement(Tree tree) {
    return expressions().replacement(tree);
  }

  @Override
  public String localType(ClassTree declaration) {
    return locals().movedTypes.getOrDefault(declaration, declaration.getSimpleName().toString());
  }

  @Override
  public Code jump(Tree jump) {
    return braced(states().jump(jump)).inCopiedJava();
  }

  @Override
  public Code returnWith(Code value, ExpressionTree tree) {
    return braced(states().returnWith(value, tree)).inCopiedJava();
  }

  @Override
  public String assertionsEnabled() {
    return locals().assertionsField();
  }

  @Override
  public Code yieldValue(Code value) {
    return braced(states().yieldValue(value)).inCopiedJava();
  }
}
