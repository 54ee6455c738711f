//! A view built from data already loaded, so its `Suspense` need not walk it.
//!
//! Before rendering a `Suspense`'s children on the server, Leptos walks them once more
//! (`dry_resolve`) to find resources read inside them that it must wait for. That walk invokes
//! every reactive closure in the children and builds what they return, and rendering then builds
//! it all again: on the card page the whole card was built twice for every request (about a
//! sixth of the server's time under load, `docs/PERFORMANCE.md`).
//!
//! A view wrapped in [`Loaded`] is skipped by that walk and is otherwise rendered, hydrated and
//! updated exactly as the view it wraps. Wrap only a view whose own data are already loaded (the
//! value a `Suspend` awaited), and whose parts read no resource directly: a resource read deeper
//! down must sit in a `Suspense` of its own, which then waits for it as usual.

use leptos::attr::any_attribute::AnyAttribute;
use leptos::attr::Attribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::ssr::StreamBuilder;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::{Position, PositionState, Render, RenderHtml};

/// See the module documentation.
pub struct Loaded<V>(pub V);

impl<V: Render> Render for Loaded<V> {
    type State = V::State;

    fn build(self) -> Self::State {
        self.0.build()
    }

    fn rebuild(self, state: &mut Self::State) {
        self.0.rebuild(state)
    }
}

impl<V: AddAnyAttr> AddAnyAttr for Loaded<V> {
    type Output<A: Attribute> = Loaded<V::Output<A>>;

    fn add_any_attr<A: Attribute>(self, attr: A) -> Self::Output<A>
    where
        Self::Output<A>: RenderHtml,
    {
        Loaded(self.0.add_any_attr(attr))
    }
}

impl<V: RenderHtml> RenderHtml for Loaded<V> {
    type AsyncOutput = Loaded<V::AsyncOutput>;
    type Owned = Loaded<V::Owned>;

    const MIN_LENGTH: usize = V::MIN_LENGTH;
    const EXISTS: bool = V::EXISTS;

    /// The point of the wrapper: the data are here, there is nothing to find.
    fn dry_resolve(&mut self) {}

    async fn resolve(self) -> Self::AsyncOutput {
        Loaded(self.0.resolve().await)
    }

    fn html_len(&self) -> usize {
        self.0.html_len()
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs)
    }

    fn to_html_async_with_buf<const OUT_OF_ORDER: bool>(
        self,
        buf: &mut StreamBuilder,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) where
        Self: Sized,
    {
        self.0.to_html_async_with_buf::<OUT_OF_ORDER>(buf, position, escape, mark_branches, extra_attrs)
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        self.0.hydrate::<FROM_SERVER>(cursor, position)
    }

    async fn hydrate_async(self, cursor: &Cursor, position: &PositionState) -> Self::State {
        self.0.hydrate_async(cursor, position).await
    }

    fn into_owned(self) -> Self::Owned {
        Loaded(self.0.into_owned())
    }
}
