package dev.jcoro.processor.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The members a coroutine body reaches by simple name: those of its class and of the classes around
 * it. The generated class lives elsewhere, so it must name their owner explicitly.
 */
public final class EnclosingScope {
  /**
   * A member found by simple name, and what to qualify it with: its class, or the receiver
   * {@code self} for an instance member of an instance coroutine's class; null for an instance
   * member the generated class can't reach.
   */
  public record Member(Element element, String owner) {
    public boolean isPrivate() {
      return element.getModifiers().contains(Modifier.PRIVATE);
    }
  }

  /**
   * The members of classes, by simple name. Shared by the coroutines of a class: the body's checks
   * look names up often, and {@link Elements#getAllMembers} builds a new list at every call.
   */
  public static final class MemberIndex {
    private final Elements elements;
    private final Map<TypeElement, Map<String, List<Element>>> byType = new HashMap<>();

    public MemberIndex(Elements elements) {
      this.elements = elements;
    }

    List<Element> members(TypeElement type, String name) {
      return byType.computeIfAbsent(type, this::index).getOrDefault(name, List.of());
    }

    private Map<String, List<Element>> index(TypeElement type) {
      Map<String, List<Element>> members = new LinkedHashMap<>();
      for (Element member : elements.getAllMembers(type)) {
        members.computeIfAbsent(member.getSimpleName().toString(), n -> new ArrayList<>())
            .add(member);
      }
      return members;
    }
  }

  /** The base class of every generated state machine, by name: its members hide imported ones. */
  private static final String STATE_MACHINE = "dev.jcoro.StateMachine";

  private final List<TypeElement> types = new ArrayList<>();
  private final Elements elements;
  private final MemberIndex members;
  private final String receiver;

  /**
   * The scope of a body in {@code innermost}; {@code receiver} names the object an instance
   * coroutine runs on (null for a static one).
   */
  public EnclosingScope(
      TypeElement innermost, Elements elements, MemberIndex members, String receiver) {
    this.elements = elements;
    this.members = members;
    this.receiver = receiver;
    for (Element type = innermost; type instanceof TypeElement; type = type.getEnclosingElement()) {
      types.add((TypeElement) type);
    }
  }

  public Member field(String name) {
    return find(name, ElementKind.FIELD, ElementKind.ENUM_CONSTANT);
  }

  public Member method(String name) {
    return find(name, ElementKind.METHOD, null);
  }

  /** Whether {@code name} is a member type of the classes around the body. */
  public boolean isMemberType(String name) {
    for (TypeElement type : types) {
      for (Element member : members.members(type, name)) {
        if (member.getKind().isClass() || member.getKind().isInterface()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the classes around the body are in the unnamed package. */
  public boolean inUnnamedPackage() {
    return elements.getPackageOf(types.get(0)).isUnnamed();
  }

  /**
   * A private member the generated class can't reach: a member type named {@code name} of an
   * enclosing class (when {@code owner} is null), or any member {@code name} of the enclosing
   * class whose simple name is {@code owner}. Null when there is none.
   */
  public Element privateMember(String owner, String name) {
    for (TypeElement type : types) {
      if (owner != null && !type.getSimpleName().contentEquals(owner)) {
        continue;
      }
      for (Element member : members.members(type, name)) {
        boolean typeMember = member.getKind().isClass() || member.getKind().isInterface();
        if ((owner != null || typeMember)
            && member.getModifiers().contains(Modifier.PRIVATE)) {
          return member;
        }
      }
    }
    return null;
  }

  private Member find(String name, ElementKind kind, ElementKind otherKind) {
    for (TypeElement type : types) {
      for (Element member : members.members(type, name)) {
        if (member.getKind() == kind || member.getKind() == otherKind) {
          boolean isStatic = member.getModifiers().contains(Modifier.STATIC)
              || member.getKind() == ElementKind.ENUM_CONSTANT;
          String owner = isStatic ? ownerName(type)
              : type == types.get(0) ? receiver
              : null;
          return new Member(member, owner);
        }
      }
    }
    return null;
  }

  /**
   * The class a static import of {@code unit} brings {@code name} from (a method when
   * {@code method}, else a field), when the generated state machine inherits a member of that
   * kind and name from {@code dev.jcoro.StateMachine}, which would hide the imported one there;
   * otherwise null.
   */
  public String hiddenStaticImportOwner(CompilationUnitTree unit, String name, boolean method) {
    TypeElement stateMachine = elements.getTypeElement(STATE_MACHINE);
    if (stateMachine == null || members.members(stateMachine, name).stream().noneMatch(
        member -> isKind(member, method) && (member.getModifiers().contains(Modifier.PUBLIC)
            || member.getModifiers().contains(Modifier.PROTECTED)))) {
      return null;
    }
    return staticImportOwner(unit, name, method);
  }

  private String staticImportOwner(CompilationUnitTree unit, String name, boolean method) {
    for (ImportTree tree : unit.getImports()) {
      if (!tree.isStatic() || !(tree.getQualifiedIdentifier() instanceof MemberSelectTree)) {
        continue;
      }
      MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
      String owner = imported.getExpression().toString();
      if (imported.getIdentifier().contentEquals(name)) {
        return owner;
      }
      TypeElement type = imported.getIdentifier().contentEquals("*")
          ? elements.getTypeElement(owner)
          : null;
      if (type != null) {
        for (Element member : members.members(type, name)) {
          if (isKind(member, method) && member.getModifiers().contains(Modifier.STATIC)) {
            return owner;
          }
        }
      }
    }
    return null;
  }

  /** A method when {@code method}, else a field. */
  private static boolean isKind(Element member, boolean method) {
    ElementKind kind = member.getKind();
    return method
        ? kind == ElementKind.METHOD
        : kind == ElementKind.FIELD || kind == ElementKind.ENUM_CONSTANT;
  }

  /** {@code Outer.Inner}: the name that reaches {@code type} from its package. */
  private static String ownerName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element outer = type.getEnclosingElement(); outer instanceof TypeElement;
        outer = outer.getEnclosingElement()) {
      name.insert(0, outer.getSimpleName() + ".");
    }
    return name.toString();
  }
}
