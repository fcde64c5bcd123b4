//! What every request shares: the coder, a pool of read connections, the one write connection, and a cache
//! of results derived from all events (alerts, networks), dropped whenever the database changes.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use detente_coder::Coder;
use detente_store::{Coding, Store};
use tokio::sync::Semaphore;

use crate::auth::Auth;
use crate::error::ApiError;

/// The shared state of a running server.
pub struct AppState {
    pub coder: Arc<Coder>,
    pub db: PathBuf,
    pub auth: Auth,
    /// Coder version, dictionary set and Goldstein table, stored with what POST /v1/articles ingests.
    pub coding: Coding,
    pub body_limit: usize,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Store>,
    derived: Mutex<DerivedCache>,
    /// CPU-bound work (coding, analysis) runs at most this many at a time, so a burst of requests queues
    /// instead of oversubscribing the cores (each request still gets its answer in arrival order).
    cpu: Semaphore,
    /// Store reads in flight at most (each holds a connection and a blocking thread while it runs).
    reads: Semaphore,
}

/// Results derived from the whole store, valid while the database's data version stays the same.
struct DerivedCache {
    /// A connection that never writes: its `data_version` moves when any other connection commits.
    watcher: Store,
    version: i64,
    entries: HashMap<String, Arc<dyn Any + Send + Sync>>,
}

impl AppState {
    /// Opens (creating and migrating it when needed) the database at `db`.
    pub fn open(
        db: &Path,
        coder: Arc<Coder>,
        auth: Auth,
        coding: Coding,
        body_limit: usize,
    ) -> Result<AppState, detente_store::Error> {
        let writer = Store::open(db)?;
        let watcher = Store::open_read_only(db)?;
        let version = watcher.data_version()?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Ok(AppState {
            coder,
            db: db.to_path_buf(),
            auth,
            coding,
            body_limit,
            readers: Mutex::new(Vec::new()),
            writer: Mutex::new(writer),
            derived: Mutex::new(DerivedCache {
                watcher,
                version,
                entries: HashMap::new(),
            }),
            cpu: Semaphore::new(cores),
            reads: Semaphore::new(4 * cores),
        })
    }

    /// Runs `work` with a read connection on a blocking thread.
    pub async fn read<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self.reads.acquire().await.map_err(ApiError::internal)?;
        let state = Arc::clone(self);
        blocking(move || {
            let store = match lock(&state.readers).pop() {
                Some(store) => store,
                None => reader(&state.db)?,
            };
            let result = work(&store);
            lock(&state.readers).push(store);
            result
        })
        .await
    }

    /// Runs `work` with the write connection on a blocking thread (writes are serialised).
    pub async fn write<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = Arc::clone(self);
        blocking(move || {
            let mut store = lock(&state.writer);
            work(&mut store)
        })
        .await
    }

    /// Runs CPU-bound `work` (coding an article) on a blocking thread, at most one per core at a time.
    pub async fn compute<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static,
    {
        let _permit = self.cpu.acquire().await.map_err(ApiError::internal)?;
        let state = Arc::clone(self);
        blocking(move || work(&state)).await
    }

    /// The cached value under `key`, computed with a read connection when missing or when the database
    /// changed since it was computed.
    pub async fn derived<T, F>(self: &Arc<Self>, key: String, compute: F) -> Result<Arc<T>, ApiError>
    where
        T: Send + Sync + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let state = Arc::clone(self);
        let cache_key = key.clone();
        let cached = blocking(move || {
            let mut cache = lock(&state.derived);
            let version = cache.watcher.data_version()?;
            if version != cache.version {
                cache.version = version;
                cache.entries.clear();
            }
            Ok(cache.entries.get(&cache_key).cloned())
        })
        .await?;
        if let Some(value) = cached.and_then(|v| v.downcast::<T>().ok()) {
            return Ok(value);
        }
        let _permit = self.cpu.acquire().await.map_err(ApiError::internal)?;
        let value = Arc::new(self.read(compute).await?);
        let state = Arc::clone(self);
        let stored: Arc<dyn Any + Send + Sync> = value.clone();
        blocking(move || {
            let mut cache = lock(&state.derived);
            // A value computed from data that changed meanwhile is kept for this answer only.
            if cache.watcher.data_version()? == cache.version {
                cache.entries.insert(key, stored);
            }
            Ok(())
        })
        .await?;
        Ok(value)
    }
}

/// A read connection for the pool. Queries that read every event (actor patterns match prefixes, so they
/// cannot all use an index) go several times faster from memory: the file is mapped (pages shared with the
/// operating system's cache, not copied per connection) and each connection keeps a 16 MB page cache.
fn reader(db: &Path) -> Result<Store, ApiError> {
    let store = Store::open_read_only(db)?;
    let conn = store.connection();
    conn.pragma_update(None, "mmap_size", 1i64 << 30)
        .map_err(ApiError::internal)?;
    conn.pragma_update(None, "cache_size", -16384)
        .map_err(ApiError::internal)?;
    store.for_repeated_queries()?;
    Ok(store)
}

/// A lock that survives a panic of a former holder: the guarded values (connections, a cache) stay usable,
/// and SQLite rolls back whatever transaction the panicking request had open.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn blocking<T, F>(work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, ApiError> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
}
