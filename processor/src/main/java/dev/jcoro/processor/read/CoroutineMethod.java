package dev.jcoro.processor.read;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A validated {@code @Coroutine} method: everything the later steps need, read from its declaration
 * (types come from the element, never from the unattributed body).
 *
 * @param element the annotated method
 * @param enclosingType the class or interface that declares it
 * @param path the method's tree path, whose compilation unit holds the source text
 * @param handleName the name of the {@code Yield} parameter
 * @param yieldType Y, what the coroutine yields
 * @param sentType S, what it is sent
 * @param returnType R, what it returns (boxed; {@code Void} for {@code void})
 * @param typeVariables the factory's type parameters: the receiver's (for an instance method), then
 *     the method's
 * @param parameters the parameters after the handle
 * @param receiverType the enclosing type, for an instance method; null for a static one
 * @param thrownType the checked exception the generator's methods declare (the method's, or the
 *     closest common superclass of its several); null when it declares none
 * @param primed whether the factory calls {@code next()} once
 */
public record CoroutineMethod(
    ExecutableElement element,
    TypeElement enclosingType,
    TreePath path,
    String handleName,
    TypeName yieldType,
    TypeName sentType,
    TypeName returnType,
    List<TypeVariableName> typeVariables,
    List<VariableElement> parameters,
    TypeName receiverType,
    TypeName thrownType,
    boolean primed) {

  /** The name of the receiver: the factory's first parameter and the state machine's field. */
  public static final String RECEIVER = "self";

  public boolean isInstance() {
    return receiverType != null;
  }

  public MethodTree tree() {
    return (MethodTree) path.getLeaf();
  }

  public String name() {
    return element.getSimpleName().toString();
  }

  /** {@code OuterCoroutines}, or {@code Outer_InnerCoroutines} for a nested type, in its package. */
  public ClassName factoryClassName() {
    ClassName enclosing = enclosingClassName();
    return ClassName.get(
        enclosing.packageName(), String.join("_", enclosing.simpleNames()) + "Coroutines");
  }

  /** The type whose members the body reaches unqualified, as a JavaPoet name. */
  public ClassName enclosingClassName() {
    return ClassName.get(enclosingType);
  }
}
